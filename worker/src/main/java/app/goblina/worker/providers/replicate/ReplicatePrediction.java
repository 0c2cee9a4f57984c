package app.goblina.worker.providers.replicate;

import app.goblina.clips.ClipJob;
import app.goblina.failures.TransientFailure;
import app.goblina.worker.providers.http.VendorMessage;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parts of a Replicate prediction the adapter uses; unknown fields are ignored. Stays inside this package: the
 * port only ever sees {@link ClipJob}.
 *
 * @param input       the input as sent back, for matching an earlier submission; a missing node when absent
 * @param output      the output file URL when succeeded (the last one, for models that output a list), else null
 * @param error       the prediction's error text, made fit to show, else null
 * @param createdAt   null when absent or unreadable
 * @param completedAt null until finished
 * @param dataRemoved Replicate has deleted the input and output files (an hour after the prediction)
 */
record ReplicatePrediction(String id, String model, String status, JsonNode input, String output, String error,
        String logs, Instant createdAt, Instant completedAt, boolean dataRemoved) {

    static final ObjectMapper JSON = new ObjectMapper();
    /** tqdm's progress bars, which most models print to their logs: {@code " 45%|████▌     | 23/50"}. */
    private static final Pattern PERCENT = Pattern.compile("(\\d{1,3})%\\|");

    /** @throws TransientFailure when the text is not a prediction */
    static ReplicatePrediction parse(String body, String token) {
        try {
            return from(JSON.readTree(body), token);
        } catch (java.io.IOException | IllegalArgumentException e) {
            throw new TransientFailure("replicate answered with something that is not a prediction", e);
        }
    }

    static ReplicatePrediction from(JsonNode node, String token) {
        String id = node.path("id").asText("");
        if (id.isEmpty() || !node.path("status").isTextual()) {
            throw new IllegalArgumentException("a prediction needs an id and a status");
        }
        JsonNode output = node.path("output");
        if (output.isArray() && !output.isEmpty()) {
            output = output.get(output.size() - 1);
        }
        String error = node.path("error").isNull() || node.path("error").isMissingNode() ? null
                : VendorMessage.clean(node.path("error").isTextual() ? node.path("error").asText() : node.path("error").toString(), token);
        return new ReplicatePrediction(id, node.path("model").asText(null), node.path("status").asText(),
                node.path("input"), output.isTextual() ? output.asText() : null,
                error == null || error.isEmpty() ? null : error, node.path("logs").asText(""),
                instant(node, "created_at"), instant(node, "completed_at"), node.path("data_removed").asBoolean(false));
    }

    ClipJob toClipJob() {
        return switch (status) {
            case "starting" -> new ClipJob(id, ClipJob.State.QUEUED, 0, null, null);
            case "succeeded" -> new ClipJob(id, ClipJob.State.SUCCEEDED, 100, null, null, outputLink());
            case "failed" -> new ClipJob(id, ClipJob.State.FAILED, progress(),
                    error == null ? "the video provider failed" : "the video provider failed: " + error, null);
            case "canceled", "aborted" -> new ClipJob(id, ClipJob.State.FAILED, progress(),
                    "the generation was cancelled at the video provider", null);
            // processing, and any status Replicate adds: keep polling; the clip deadline ends one that never finishes
            default -> new ClipJob(id, ClipJob.State.RUNNING, progress(), null, null);
        };
    }

    /** The output as a link, when there is one that is still there and reads as a URL. */
    private URI outputLink() {
        if (output == null || dataRemoved) {
            return null;
        }
        try {
            return URI.create(output);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    boolean succeeded() {
        return status.equals("succeeded");
    }

    /** The last percentage in the logs; 0 when the model prints none. */
    int progress() {
        Matcher m = PERCENT.matcher(logs);
        int last = 0;
        while (m.find()) {
            last = Math.min(99, Integer.parseInt(m.group(1)));
        }
        return last;
    }

    private static Instant instant(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (!value.isTextual()) {
            return null;
        }
        try {
            return Instant.parse(value.asText());
        } catch (DateTimeParseException e) {
            try {
                return java.time.OffsetDateTime.parse(value.asText()).toInstant();
            } catch (DateTimeParseException notOffset) {
                return null;
            }
        }
    }
}
