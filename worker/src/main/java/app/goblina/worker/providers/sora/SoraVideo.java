package app.goblina.worker.providers.sora;

import app.goblina.clips.ClipJob;
import app.goblina.failures.TransientFailure;
import app.goblina.worker.providers.http.VendorMessage;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;

/**
 * The parts of a Sora video object the adapter uses; unknown fields are ignored. Stays inside this package: the
 * port only ever sees {@link ClipJob}.
 *
 * @param seconds     the length as text, whether the server sent a string or a number
 * @param createdAt   when the server made it; null when it did not say
 * @param expiresAt   when its content stops being downloadable; null when unknown or not completed
 * @param errorCode   {@code error.code} of a failed video, else null
 * @param errorReason {@code error.message} of a failed video, made fit to show; else null
 */
record SoraVideo(String id, String status, int progress, String model, String prompt, String size, String aspectRatio,
        String resolution, String seconds, Instant createdAt, Instant expiresAt, String errorCode, String errorReason) {

    static final ObjectMapper JSON = new ObjectMapper();

    /**
     * @throws TransientFailure when the text is not a video object: a gateway or proxy answering 2xx with garbage
     *     is more likely passing trouble than a contract change
     */
    static SoraVideo parse(String body, String apiKey) {
        try {
            return from(JSON.readTree(body), apiKey);
        } catch (java.io.IOException | IllegalArgumentException e) {
            throw new TransientFailure("sora answered with something that is not a video object", e);
        }
    }

    static SoraVideo from(JsonNode node, String apiKey) {
        String id = node.path("id").asText("");
        if (id.isEmpty() || !node.path("status").isTextual()) {
            throw new IllegalArgumentException("a video object needs an id and a status");
        }
        JsonNode error = node.path("error");
        String reason = error.isObject() ? VendorMessage.clean(error.path("message").asText(""), apiKey) : null;
        return new SoraVideo(id, node.path("status").asText(), node.path("progress").asInt(0), text(node, "model"),
                text(node, "prompt"), text(node, "size"), text(node, "aspect_ratio"), text(node, "resolution"),
                text(node, "seconds"), epoch(node, "created_at"), epoch(node, "expires_at"),
                error.isObject() ? text(error, "code") : null, reason == null || reason.isEmpty() ? null : reason);
    }

    /** What the port says about this video; {@code pollAfter} is the server's hint, or null. */
    ClipJob toClipJob(Duration pollAfter) {
        return switch (status) {
            case "queued" -> new ClipJob(id, ClipJob.State.QUEUED, progress, null, pollAfter);
            case "completed" -> new ClipJob(id, ClipJob.State.SUCCEEDED, 100, null, pollAfter);
            case "failed" -> new ClipJob(id, ClipJob.State.FAILED, progress, failureReason(), pollAfter);
            // in_progress, and any status a gateway adds: keep polling; the clip deadline ends a video that never finishes
            default -> new ClipJob(id, ClipJob.State.RUNNING, progress, null, pollAfter);
        };
    }

    boolean isCompleted() {
        return status.equals("completed");
    }

    boolean isFinished() {
        return status.equals("completed") || status.equals("failed");
    }

    /** The provider's own words (a content-policy refusal is not an HTTP error but a failed video). */
    private String failureReason() {
        if (errorReason != null) {
            return "the video provider refused: " + errorReason + (errorCode == null ? "" : " (" + errorCode + ")");
        }
        return errorCode != null ? "the video provider failed (" + errorCode + ")" : "the video provider failed";
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() || value.isNumber() ? value.asText() : null;
    }

    private static Instant epoch(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isNumber() ? Instant.ofEpochSecond(value.asLong()) : null;
    }
}
