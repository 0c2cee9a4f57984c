package app.goblina.testkit.fakes.replicate;

import app.goblina.testkit.fakes.video.ImageCheck;
import app.goblina.testkit.fakes.FakeJson;
import java.math.BigDecimal;
import java.net.URI;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A create body, {@code {input, webhook?, webhook_events_filter?}}, validated against the model's schema the way
 * Replicate does: every problem is listed in one 422 "Input validation failed" whose {@code detail} has a line per
 * field.
 */
record PredictionInput(Map<String, Object> input, URI webhook, List<String> webhookEvents) {

    /** A body Replicate refuses, with its status and detail. */
    static final class Invalid extends RuntimeException {
        final int status;
        final List<Object> fields;

        Invalid(int status, String detail, List<Object> fields) {
            super(detail);
            this.status = status;
            this.fields = fields;
        }
    }

    private static final Set<String> TOP_LEVEL = Set.of("input", "webhook", "webhook_events_filter", "stream");
    private static final Set<String> EVENTS = Set.of("start", "output", "logs", "completed");
    private static final Pattern DATA_URL = Pattern.compile("data:([a-z]+/[a-z0-9.+-]+);base64,(.+)", Pattern.DOTALL);

    @SuppressWarnings("unchecked")
    static PredictionInput read(String body, ReplicateModel model) {
        Map<String, Object> json;
        try {
            json = FakeJson.parseObject(body);
        } catch (IllegalArgumentException e) {
            throw new Invalid(400, "The request body is not valid JSON.", null);
        }
        List<String> problems = new ArrayList<>();
        for (String key : json.keySet()) {
            if (!TOP_LEVEL.contains(key)) {
                problems.add("(root): Additional property " + key + " is not allowed");
            }
        }
        if (!(json.get("input") instanceof Map<?, ?> rawInput)) {
            throw invalid(List.of("(root): input is required"));
        }
        Map<String, Object> input = (Map<String, Object>) rawInput;
        checkInput(input, model, problems);
        URI webhook = null;
        if (json.get("webhook") != null) {
            webhook = webhook(json.get("webhook"), problems);
        }
        List<String> events = List.of("start", "output", "logs", "completed");
        if (json.get("webhook_events_filter") instanceof List<?> filter) {
            events = filter.stream().map(String::valueOf).toList();
            for (String event : events) {
                if (!EVENTS.contains(event)) {
                    problems.add("webhook_events_filter.0: webhook_events_filter must be one of the following: "
                            + "\"start\", \"output\", \"logs\", \"completed\"");
                }
            }
        }
        if (!problems.isEmpty()) {
            throw invalid(problems);
        }
        return new PredictionInput(input, webhook, events);
    }

    private static void checkInput(Map<String, Object> input, ReplicateModel model, List<String> problems) {
        for (String key : input.keySet()) {
            if (!model.inputs().contains(key)) {
                problems.add("input: Additional property " + key + " is not allowed");
            }
        }
        if (!(input.get("prompt") instanceof String prompt) || prompt.isBlank()) {
            problems.add("input: prompt is required");
        }
        Object duration = input.get("duration");
        if (duration != null && !(duration instanceof BigDecimal d && model.durations().contains(intOrMinus(d)))) {
            problems.add("input.duration: duration must be one of the following: "
                    + String.join(", ", model.durations().stream().map(String::valueOf).toList()));
        }
        Object aspect = input.get("aspect_ratio");
        if (aspect != null && !model.aspectRatios().contains(aspect)) {
            problems.add("input.aspect_ratio: aspect_ratio must be one of the following: "
                    + String.join(", ", model.aspectRatios().stream().map(a -> "\"" + a + "\"").toList()));
        }
        Object image = input.get(model.imageField());
        if (image != null && !isImageUri(image)) {
            problems.add("input." + model.imageField() + ": Does not match format 'uri'");
        }
    }

    private static boolean isImageUri(Object value) {
        if (!(value instanceof String text)) {
            return false;
        }
        Matcher data = DATA_URL.matcher(text);
        if (data.matches()) {
            try {
                return ImageCheck.dimensions(Base64.getDecoder().decode(data.group(2))).isPresent();
            } catch (IllegalArgumentException notBase64) {
                return false;
            }
        }
        return text.startsWith("https://") || text.startsWith("http://");
    }

    private static URI webhook(Object value, List<String> problems) {
        try {
            URI uri = URI.create(String.valueOf(value));
            if (uri.getScheme() == null || !uri.getScheme().startsWith("http") || uri.getHost() == null) {
                throw new IllegalArgumentException();
            }
            return uri;
        } catch (IllegalArgumentException e) {
            problems.add("webhook: Does not match format 'uri'");
            return null;
        }
    }

    private static int intOrMinus(BigDecimal d) {
        try {
            return d.intValueExact();
        } catch (ArithmeticException e) {
            return -1;
        }
    }

    private static Invalid invalid(List<String> problems) {
        StringBuilder detail = new StringBuilder();
        List<Object> fields = new ArrayList<>();
        for (String problem : problems) {
            detail.append("- ").append(problem).append('\n');
            int colon = problem.indexOf(':');
            fields.add(FakeJson.object("type", "invalid", "field", problem.substring(0, colon), "description",
                    problem.substring(colon + 2)));
        }
        return new Invalid(422, detail.toString(), fields);
    }
}
