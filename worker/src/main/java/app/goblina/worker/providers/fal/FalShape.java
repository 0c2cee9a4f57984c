package app.goblina.worker.providers.fal;

import app.goblina.clips.ClipRequest;
import app.goblina.failures.PermanentFailure;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Comparator;
import java.util.List;

/**
 * What one clip request becomes at fal: the endpoint, its app ({@code owner/alias}), the length the model takes
 * (nearest, ties longer), the aspect ratio when the model takes one, and the start frame's size.
 */
record FalShape(String model, String app, FalInputs inputs, int seconds, String aspectRatio, int width, int height) {

    static final int SHORT_SIDE = 720;

    static FalShape of(ClipRequest request, FalConfig config) {
        String model = request.model() != null && !request.model().isBlank() ? request.model().strip() : config.model();
        if (!model.matches(FalConfig.MODEL_ID)) {
            throw new PermanentFailure("fal: '" + model + "' is not an endpoint id of the form owner/alias/sub-path");
        }
        double wanted = (double) request.width() / request.height();
        String ratio = config.aspectRatios().stream()
                .min(Comparator.comparingDouble((String r) -> Math.abs(Math.log(wanted / value(r)))))
                .orElse(request.height() >= request.width() ? "9:16" : "16:9");
        int[] parts = parts(ratio);
        int width = parts[0] >= parts[1] ? SHORT_SIDE * parts[0] / parts[1] : SHORT_SIDE;
        int height = parts[0] >= parts[1] ? SHORT_SIDE : SHORT_SIDE * parts[1] / parts[0];
        FalInputs inputs = FalInputs.of(model, config);
        return new FalShape(model, FalConfig.app(model), inputs, nearest(request.seconds(), inputs.durations()),
                inputs.aspectRatioField() == null ? null : ratio, width - width % 2, height - height % 2);
    }

    /** Whether a listed request's input is this shape and prompt. */
    boolean matches(JsonNode input, String prompt, FalConfig config) {
        JsonNode duration = input.path(config.durationField());
        boolean sameLength = duration.isMissingNode() || duration.asText().equals(Integer.toString(seconds));
        boolean sameRatio = inputs.aspectRatioField() == null || !input.has(inputs.aspectRatioField())
                || input.path(inputs.aspectRatioField()).asText().equals(aspectRatio);
        return prompt.equals(input.path(config.promptField()).asText(null)) && sameLength && sameRatio;
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
