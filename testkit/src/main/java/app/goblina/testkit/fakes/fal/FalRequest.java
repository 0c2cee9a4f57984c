package app.goblina.testkit.fakes.fal;

import app.goblina.testkit.fakes.video.Generation;
import app.goblina.testkit.fakes.video.RenderTimeline;
import java.time.Instant;
import java.util.Map;

/**
 * One request fal's queue accepted: for an endpoint ({@code owner/alias/sub-path}), with its JSON input, queued
 * and run on the fake's clock. It ends COMPLETED either way: with an output, or with the error its result answers
 * (a validation error, the content checker, a cancellation).
 */
final class FalRequest implements Generation {

    /** Why a request ends without an output; null when it has one. */
    record Failure(int status, String field, String msg, String type) {
    }

    private final String id;
    private final String endpoint;
    private final Map<String, Object> input;
    private final Instant sentAt;
    private final Failure inputFailure;
    private volatile RenderTimeline timeline;
    private volatile Failure failure;

    FalRequest(String id, String endpoint, Map<String, Object> input, RenderTimeline timeline, Failure failure) {
        this.id = id;
        this.endpoint = endpoint;
        this.input = Map.copyOf(input);
        this.timeline = timeline;
        this.sentAt = timeline.createdAt();
        this.inputFailure = failure;
        this.failure = failure;
    }

    @Override
    public String id() {
        return id;
    }

    String endpoint() {
        return endpoint;
    }

    /** {@code owner/alias}: what status, result and cancel paths name. */
    String app() {
        String[] parts = endpoint.split("/");
        return parts[0] + "/" + parts[1];
    }

    Map<String, Object> input() {
        return input;
    }

    Instant sentAt() {
        return sentAt;
    }

    RenderTimeline timeline() {
        return timeline;
    }

    Failure failure() {
        return failure;
    }

    boolean failedOnInput() {
        return inputFailure != null;
    }

    @Override
    public boolean finishedAt(Instant now) {
        return timeline.phaseAt(now) == RenderTimeline.Phase.FINISHED;
    }

    /** Ends the request now, as cancelled: fal stops a queued request, and asks a running one's runner to stop. */
    void cancel(Instant now) {
        failure = new Failure(499, null, "Request was cancelled by the client", "client_cancelled");
        timeline = new RenderTimeline(timeline.createdAt(), java.time.Duration.ZERO,
                java.time.Duration.between(timeline.createdAt(), now));
    }
}
