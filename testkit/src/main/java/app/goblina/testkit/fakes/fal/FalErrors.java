package app.goblina.testkit.fakes.fal;

import app.goblina.testkit.fakes.FakeJson;
import app.goblina.testkit.fakes.video.Fault;
import app.goblina.testkit.fakes.video.Reply;
import java.time.Duration;
import java.util.List;

/**
 * fal's error answers: request errors {@code {"detail": "...", "error_type": "..."}} with the {@code
 * X-Fal-Error-Type} header, and model (validation) errors {@code {"detail": [{loc, msg, type}]}}.
 */
public final class FalErrors {

    /** The text of fal's content checker. */
    public static final String CONTENT_FLAGGED = "The content was flagged by a content checker.";

    private FalErrors() {
    }

    public static Reply requestError(int status, String detail, String errorType) {
        Reply reply = Reply.json(status, FakeJson.write(FakeJson.object("detail", detail, "error_type", errorType)));
        return errorType == null ? reply : reply.withHeader("X-Fal-Error-Type", errorType);
    }

    public static Reply modelError(int status, List<Object> loc, String msg, String type) {
        return Reply.json(status, FakeJson.write(FakeJson.object("detail",
                List.of(FakeJson.object("loc", loc, "msg", msg, "type", type)))));
    }

    public static Reply badKey() {
        return Reply.json(401, FakeJson.write(FakeJson.object("detail", "No user found for Key ID and Secret")));
    }

    public static Reply notFound() {
        return Reply.json(404, FakeJson.write(FakeJson.object("detail", "Request not found")));
    }

    /** A 429 on submit, with {@code Retry-After} in whole seconds. */
    public static Fault rateLimited(Duration retryAfter) {
        return Fault.replyWith(requestError(429, "Rate limit exceeded", "rate_limited")
                .withHeader("Retry-After", Long.toString(Math.max(1, retryAfter.toSeconds()))));
    }

    /** An account whose balance ran out: every request is refused until a person tops it up. */
    public static Fault balanceExhausted() {
        return Fault.replyWith(Reply.json(403, FakeJson.write(FakeJson.object("detail",
                "User is locked. Reason: Exhausted balance. Top up your balance at fal.ai/dashboard/billing."))));
    }

    public static Fault serverError(int status) {
        return Fault.replyWith(status == 503 ? requestError(503, "No runner could be scheduled", "runner_scheduling_failure")
                .withHeader("X-Fal-Retryable", "true")
                : requestError(status, "Internal server error", "internal_error"));
    }
}
