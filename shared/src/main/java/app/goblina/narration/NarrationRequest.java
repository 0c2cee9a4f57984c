package app.goblina.narration;

import app.goblina.domain.Preset;

/**
 * One scenario's line to speak.
 *
 * @param idempotencyKey derived from our scenario id
 * @param text           what to say, at most 4096 characters
 * @param voice          the provider's voice name, e.g. {@code coral}
 * @param instructions   how to say it (tone), may be empty
 * @param preset         the project's personality, for a narrator that picks its delivery by preset; may be null
 */
public record NarrationRequest(String idempotencyKey, String text, String voice, String instructions, Preset preset) {

    /** A request without a preset. */
    public NarrationRequest(String idempotencyKey, String text, String voice, String instructions) {
        this(idempotencyKey, text, voice, instructions, null);
    }
}
