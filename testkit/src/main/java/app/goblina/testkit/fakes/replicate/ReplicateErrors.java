package app.goblina.testkit.fakes.replicate;

import app.goblina.testkit.fakes.video.Fault;
import app.goblina.testkit.fakes.FakeJson;
import app.goblina.testkit.fakes.video.Reply;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Errors in Replicate's RFC 7807 shape, {@code {type, title, status, detail}} as {@code application/problem+json},
 * for tests to queue on a {@link FakeReplicateServer}.
 */
public final class ReplicateErrors {

    private ReplicateErrors() {
    }

    static Reply problem(int status, String title, String detail) {
        return problem(status, title, detail, null);
    }

    static Reply problem(int status, String title, String detail, List<Object> invalidFields) {
        Map<String, Object> body = FakeJson.object("type", "https://replicate.com/docs/reference/http#errors", "title", title,
                "status", status, "detail", detail);
        if (invalidFields != null) {
            body.put("invalid_fields", invalidFields);
        }
        return new Reply(status, Map.of("Content-Type", "application/problem+json"),
                FakeJson.write(body).getBytes(java.nio.charset.StandardCharsets.UTF_8), null, null);
    }

    static Reply unauthenticated() {
        return problem(401, "Unauthenticated", "You did not pass a valid authentication token");
    }

    static Reply notFound() {
        return problem(404, "Not found", "The requested resource could not be found.");
    }

    /**
     * The throttle answer: the wait is only in the text ("resets in ~Ns"), unless {@code withRetryAfter} also
     * sends the header (whether Replicate does is unconfirmed).
     */
    public static Fault throttled(int seconds, boolean withRetryAfter) {
        Reply reply = problem(429, "Request was throttled.",
                "Request was throttled. Your rate limit resets in ~" + seconds + "s.");
        return Fault.replyWith(withRetryAfter ? reply.withHeader("Retry-After", Integer.toString(seconds)) : reply);
    }

    /** Out of credit: the account must be topped up, no retry helps. */
    public static Fault insufficientCredit() {
        return Fault.replyWith(problem(402, "Insufficient credit", "You have insufficient credit to run this model. Go to "
                + "https://replicate.com/account/billing#billing to purchase credit. Once you purchase credit, please wait a "
                + "few minutes before trying again."));
    }

    public static Fault serverError(int status) {
        return Fault.replyWith(problem(status, "Internal server error", "An unexpected error occurred."));
    }

    public static Fault slow(Duration delay) {
        return Fault.slow(delay);
    }
}
