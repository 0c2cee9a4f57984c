package app.goblina.worker.providers.replicate;

import app.goblina.clips.ClipRequest;
import app.goblina.failures.PermanentFailure;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * What a clip request becomes for a Replicate model: the model, the input names of its family, a length and an
 * aspect ratio it takes, and the start frame's size (720 on the short side, the class of the models' output).
 * Computed the same way for a create and for the lookup of an earlier one.
 */
record ReplicateShape(String model, String imageField, int seconds, String aspectRatio, int width, int height) {

    static final int SHORT_SIDE = 720;

    static ReplicateShape of(ClipRequest request, ReplicateConfig config) {
        String model = request.model() != null && !request.model().isBlank() ? request.model() : config.model();
        if (!model.matches(ReplicateConfig.MODEL_NAME)) {
            throw new PermanentFailure("replicate: '" + model + "' is not a model name of the form owner/name");
        }
        double wanted = (double) request.width() / request.height();
        String ratio = config.aspectRatios().stream()
                .min(Comparator.comparingDouble((String r) -> Math.abs(Math.log(wanted / value(r)))))
                .orElseThrow();
        int[] parts = parts(ratio);
        int width = parts[0] >= parts[1] ? SHORT_SIDE * parts[0] / parts[1] : SHORT_SIDE;
        int height = parts[0] >= parts[1] ? SHORT_SIDE : SHORT_SIDE * parts[1] / parts[0];
        return new ReplicateShape(model, imageField(model, config.imageField()), nearest(request.seconds(), config.durations()),
                ratio, width - width % 2, height - height % 2);
    }

    /** Whether a listed prediction was made from a request of this shape and prompt. */
    boolean matches(ReplicatePrediction prediction, String prompt, ReplicateConfig config) {
        JsonNode input = prediction.input();
        return model.equals(prediction.model())
                && prompt.equals(input.path("prompt").asText(null))
                && (!input.has(config.durationField()) || input.path(config.durationField()).asInt(-1) == seconds)
                && (!input.has(config.aspectRatioField()) || aspectRatio.equals(input.path(config.aspectRatioField()).asText()));
    }

    /** Kling names its start frame {@code start_image}; Seedance, Wan and most others {@code image}. */
    static String imageField(String model, String configured) {
        if (configured != null && !configured.isBlank()) {
            return configured.strip();
        }
        return model.toLowerCase(Locale.ROOT).contains("kling") ? "start_image" : "image";
    }

    static int nearest(int wanted, List<Integer> allowed) {
        return allowed.stream()
                .min(Comparator.comparingInt((Integer s) -> Math.abs(s - wanted)).thenComparing(Comparator.reverseOrder()))
                .orElse(wanted);
    }

    private static double value(String ratio) {
        int[] p = parts(ratio);
        return (double) p[0] / p[1];
    }

    private static int[] parts(String ratio) {
        String[] p = ratio.split(":");
        return new int[] {Integer.parseInt(p[0].strip()), Integer.parseInt(p[1].strip())};
    }
}
