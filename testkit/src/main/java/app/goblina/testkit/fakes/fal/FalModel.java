package app.goblina.testkit.fakes.fal;

import java.util.List;

/**
 * The inputs one fal endpoint takes, as its schema on the model's page says; the fake checks a request against
 * them when it runs, as fal does (the queue takes any body; the model refuses it with 422).
 *
 * @param endpoint         {@code owner/alias/sub-path}
 * @param durations        the values {@code duration} takes
 * @param durationAsString Kling's enum of strings ({@code "5"}); others take a number
 * @param aspectRatioField the input naming the frame's shape, or null when the frame follows the image
 * @param aspectRatios     the values it takes
 */
public record FalModel(String endpoint, List<String> durations, boolean durationAsString, String aspectRatioField,
        List<String> aspectRatios) {

    /** Kling 2.5 Turbo Pro image-to-video: {@code prompt}, {@code image_url}, {@code duration} "5" or "10". */
    public static FalModel klingTurboPro() {
        return new FalModel("fal-ai/kling-video/v2.5-turbo/pro/image-to-video", List.of("5", "10"), true, null, List.of());
    }

    /** Seedance 1 Pro image-to-video: a numeric duration 3–12 and an aspect ratio. */
    public static FalModel seedancePro() {
        return new FalModel("fal-ai/bytedance/seedance/v1/pro/image-to-video",
                List.of("3", "4", "5", "6", "7", "8", "9", "10", "11", "12"), false, "aspect_ratio",
                List.of("21:9", "16:9", "4:3", "1:1", "3:4", "9:16", "auto"));
    }
}
