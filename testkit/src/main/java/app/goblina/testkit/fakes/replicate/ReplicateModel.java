package app.goblina.testkit.fakes.replicate;

import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * The input schema of one image-to-video model the fake hosts, as its version's OpenAPI schema declares it
 * (checked against the model pages in 2026-11; see PROVIDERS.md).
 *
 * @param name         {@code owner/name}
 * @param imageField   the input that takes the start frame
 * @param inputs       every input the schema knows; anything else is refused
 * @param durations    allowed {@code duration} values in seconds
 * @param aspectRatios allowed {@code aspect_ratio} values
 */
public record ReplicateModel(String name, String imageField, Set<String> inputs, List<Integer> durations,
        List<String> aspectRatios) {

    /** {@code kwaivgi/kling-v2.5-turbo-pro}: {@code start_image}, 5 or 10 seconds. */
    public static ReplicateModel kling() {
        return new ReplicateModel("kwaivgi/kling-v2.5-turbo-pro", "start_image",
                Set.of("prompt", "negative_prompt", "start_image", "duration", "aspect_ratio", "guidance_scale"),
                List.of(5, 10), List.of("16:9", "9:16", "1:1"));
    }

    /** {@code bytedance/seedance-1-pro}: {@code image}, 2 to 12 seconds. */
    public static ReplicateModel seedance() {
        return new ReplicateModel("bytedance/seedance-1-pro", "image",
                Set.of("prompt", "image", "duration", "resolution", "aspect_ratio", "fps", "seed", "camera_fixed",
                        "last_frame_image"),
                IntStream.rangeClosed(2, 12).boxed().toList(), List.of("16:9", "4:3", "1:1", "3:4", "9:16", "21:9", "9:21"));
    }
}
