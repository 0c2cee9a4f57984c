package app.goblina.testkit.fakes.sora;

import app.goblina.testkit.fakes.FakeJson;
import app.goblina.testkit.fakes.video.Fault;
import app.goblina.testkit.fakes.video.Reply;
import java.time.Duration;

/**
 * Errors in the OpenAI shape, {@code {"error":{"message","type","param","code"}}}, with the statuses and headers
 * the real service sends, for tests to queue on a {@link FakeSoraServer}.
 */
public final class SoraErrors {

    private SoraErrors() {
    }

    static Reply error(int status, String message, String type, String param, String code) {
        return Reply.json(status, FakeJson.write(FakeJson.object("error",
                FakeJson.object("message", message, "type", type, "param", param, "code", code))));
    }

    static Reply invalid(String message, String param) {
        return error(400, message, "invalid_request_error", param, null);
    }

    static Reply notFound(String message) {
        return error(404, message, "invalid_request_error", null, "not_found");
    }

    static Reply badKey() {
        // The real message echoes a masked key; an adapter must not pass it on.
        return error(401, "Incorrect API key provided: sk-...xxxx. You can find your API key at "
                + "https://platform.openai.com/account/api-keys.", "invalid_request_error", null, "invalid_api_key");
    }

    /** A rate limit with {@code retry-after-ms}, the finer header OpenAI sends. */
    public static Fault rateLimitedMillis(Duration retryAfter) {
        return Fault.replyWith(rateLimit().withHeader("retry-after-ms", Long.toString(retryAfter.toMillis())));
    }

    /** A rate limit with only the standard {@code Retry-After} in seconds. */
    public static Fault rateLimitedSeconds(int seconds) {
        return Fault.replyWith(rateLimit().withHeader("Retry-After", Integer.toString(seconds)));
    }

    /** The 429 that means the account is out of money: no wait will help. */
    public static Fault insufficientQuota() {
        return Fault.replyWith(error(429, "You exceeded your current quota, please check your plan and billing details.",
                "insufficient_quota", null, "insufficient_quota"));
    }

    public static Fault serverError(int status) {
        return Fault.replyWith(error(status, "The server had an error while processing your request. Sorry about that!",
                "server_error", null, null));
    }

    /** The normal answer, but only after {@code delay}: longer than the client's timeout, it is a timeout. */
    public static Fault slow(Duration delay) {
        return Fault.slow(delay);
    }

    private static Reply rateLimit() {
        return error(429, "Rate limit reached for sora-2 in organization org-fake on requests per min (RPM): Limit 25, "
                + "Used 25, Requested 1.", "requests", null, "rate_limit_exceeded");
    }
}
