package app.goblina.testkit.fakes.veo;

import app.goblina.testkit.fakes.FakeJson;
import app.goblina.testkit.fakes.video.Fault;
import app.goblina.testkit.fakes.video.Reply;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The Gemini API's error answers, {@code {"error": {"code", "message", "status", "details"?}}} with Google's
 * canonical status names, as the fake sends them and as faults to queue on it.
 */
public final class VeoErrors {

    private VeoErrors() {
    }

    public static Reply error(int code, String status, String message, List<Map<String, Object>> details) {
        Map<String, Object> error = FakeJson.object("code", code, "message", message, "status", status);
        if (!details.isEmpty()) {
            error.put("details", details);
        }
        return Reply.json(code, FakeJson.write(FakeJson.object("error", error)));
    }

    public static Reply invalidArgument(String message) {
        return error(400, "INVALID_ARGUMENT", message, List.of());
    }

    /** A wrong key: Google answers 400, not 401, and names the reason in an ErrorInfo detail. */
    public static Reply badKey() {
        return error(400, "INVALID_ARGUMENT", "API key not valid. Please pass a valid API key.",
                List.of(FakeJson.object("@type", "type.googleapis.com/google.rpc.ErrorInfo", "reason", "API_KEY_INVALID",
                        "domain", "googleapis.com")));
    }

    /** No key at all. */
    public static Reply noKey() {
        return error(403, "PERMISSION_DENIED", "Method doesn't allow unregistered callers (callers without established "
                + "identity). Please use API Key or other form of API consumer identity to call this API.", List.of());
    }

    public static Reply notFound(String message) {
        return error(404, "NOT_FOUND", message, List.of());
    }

    /** A per-minute quota: 429 RESOURCE_EXHAUSTED with the wait in a RetryInfo detail (no Retry-After header). */
    public static Fault rateLimited(Duration retryDelay) {
        String delay = String.format(Locale.ROOT, "%.3fs", retryDelay.toMillis() / 1000.0).replaceAll("\\.?0+s$", "s");
        return Fault.replyWith(error(429, "RESOURCE_EXHAUSTED", "You exceeded your current quota, please check your plan and "
                + "billing details.", List.of(FakeJson.object("@type", "type.googleapis.com/google.rpc.RetryInfo",
                        "retryDelay", delay))));
    }

    /** A project whose billing is off: Veo is a paid model, so nothing it asks for will work until a person acts. */
    public static Fault billingDisabled() {
        return Fault.replyWith(error(400, "FAILED_PRECONDITION", "Veo is only available on the paid tier: enable billing "
                + "for this project.", List.of()));
    }

    public static Fault serverError(int code) {
        return Fault.replyWith(code == 503
                ? error(503, "UNAVAILABLE", "The model is overloaded. Please try again later.", List.of())
                : error(code, "INTERNAL", "An internal error has occurred. Please retry or report it.", List.of()));
    }
}
