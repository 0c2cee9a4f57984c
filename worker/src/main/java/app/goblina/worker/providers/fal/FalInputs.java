package app.goblina.worker.providers.fal;

import java.util.List;
import java.util.Locale;

/**
 * How one endpoint takes its length and frame shape. The configured fields ({@code goblina.fal.*}) describe the
 * configured model; a project may name another endpoint, and the families fal hosts differ: Kling takes {@code
 * duration} as the string "5" or "10" and follows the image's shape; Seedance takes a number 3–12 and an {@code
 * aspect_ratio}; MiniMax Hailuo takes the string "6" or "10". Other endpoints get the configured fields.
 *
 * @param durationAsString whether {@code duration} is sent as a string
 * @param aspectRatioField the input naming the frame's shape, or null
 * @param durations        the lengths the endpoint takes
 */
record FalInputs(boolean durationAsString, String aspectRatioField, List<Integer> durations) {

    static FalInputs of(String model, FalConfig config) {
        String lower = model.toLowerCase(Locale.ROOT);
        if (!model.equals(config.model())) {
            if (lower.contains("kling")) {
                return new FalInputs(true, null, List.of(5, 10));
            }
            if (lower.contains("seedance")) {
                return new FalInputs(false, "aspect_ratio", List.of(3, 4, 5, 6, 7, 8, 9, 10, 11, 12));
            }
            if (lower.contains("hailuo")) {
                return new FalInputs(true, null, List.of(6, 10));
            }
        }
        return new FalInputs(config.durationAsString(), config.aspectRatioField(), config.durations());
    }
}
