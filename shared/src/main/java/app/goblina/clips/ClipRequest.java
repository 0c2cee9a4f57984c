package app.goblina.clips;

import app.goblina.domain.Preset;
import java.util.List;

/**
 * One clip to generate.
 *
 * @param idempotencyKey derived from our clip id: submitting the same key twice must not pay twice
 * @param prompt         the text for the video model
 * @param caption        the scenario's line, the one its narration speaks (renderers without a model may animate to
 *                       it)
 * @param referenceImage the character image (PNG, JPEG or WebP bytes)
 * @param imageMediaType media type of {@code referenceImage}
 * @param palette        the style guide's colours, {@code #rrggbb}
 * @param seconds        clip length
 * @param width          requested frame width
 * @param height         requested frame height
 * @param model          the model the project asked for, or null for the adapter's configured one
 * @param preset         the project's personality, for a renderer that moves by it; may be null
 * @param generation     the scene's clip generation (0 for its first clip): part of a deterministic renderer's seed,
 *                       so a regenerated scene is a new clip
 */
public record ClipRequest(String idempotencyKey, String prompt, String caption, byte[] referenceImage,
        String imageMediaType, List<String> palette, int seconds, int width, int height, String model,
        Preset preset, int generation) {

    /** A scene's first clip. */
    public ClipRequest(String idempotencyKey, String prompt, String caption, byte[] referenceImage,
            String imageMediaType, List<String> palette, int seconds, int width, int height, String model,
            Preset preset) {
        this(idempotencyKey, prompt, caption, referenceImage, imageMediaType, palette, seconds, width, height, model,
                preset, 0);
    }

    /** A request without a preset. */
    public ClipRequest(String idempotencyKey, String prompt, String caption, byte[] referenceImage,
            String imageMediaType, List<String> palette, int seconds, int width, int height, String model) {
        this(idempotencyKey, prompt, caption, referenceImage, imageMediaType, palette, seconds, width, height, model,
                null);
    }

    /** A request for the adapter's configured model. */
    public ClipRequest(String idempotencyKey, String prompt, String caption, byte[] referenceImage,
            String imageMediaType, List<String> palette, int seconds, int width, int height) {
        this(idempotencyKey, prompt, caption, referenceImage, imageMediaType, palette, seconds, width, height, null, null);
    }
}
