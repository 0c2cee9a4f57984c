package app.goblina.narration;

/**
 * One scenario's line to speak.
 *
 * @param idempotencyKey derived from our scenario id
 * @param text           what to say, at most 4096 characters
 * @param voice          the provider's voice name, e.g. {@code coral}
 * @param instructions   how to say it (tone), may be empty
 */
public record NarrationRequest(String idempotencyKey, String text, String voice, String instructions) {
}
