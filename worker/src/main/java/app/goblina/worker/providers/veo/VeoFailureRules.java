package app.goblina.worker.providers.veo;

import app.goblina.worker.providers.http.FailureRules;
import app.goblina.worker.providers.http.JsonApi;
import app.goblina.worker.providers.http.VendorMessage;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * Google's {@code {"error":{"code","message","status"}}} answers on top of the standard HTTP rules. 429 and
 * {@code RESOURCE_EXHAUSTED} are rate limits (transient, waiting what a {@code RetryInfo} detail or a Retry-After
 * names, else the adapter's default); 5xx and {@code UNAVAILABLE} are transient; {@code INVALID_ARGUMENT}, {@code FAILED_PRECONDITION} (e.g.
 * billing not enabled), {@code PERMISSION_DENIED} and any other 4xx are permanent. A refusal naming safety or
 * responsible-AI filters is permanent whatever its status. The message is added to the reason, cleaned of the key.
 */
final class VeoFailureRules implements FailureRules {

    private static final java.util.regex.Pattern RETRY_DELAY = java.util.regex.Pattern.compile("(\\d{1,6}(?:\\.\\d{1,9})?)s");

    private final String apiKey;

    VeoFailureRules(String apiKey) {
        this.apiKey = apiKey;
    }

    @Override
    public Verdict judge(int status, String body) {
        JsonNode error = error(body);
        String code = error.path("status").asText("");
        String message = VendorMessage.clean(error.path("message").asText(""), apiKey);
        Verdict standard = FailureRules.standard().judge(status, body);
        boolean permanent = standard.permanent();
        if ("RESOURCE_EXHAUSTED".equals(code) || "UNAVAILABLE".equals(code) || "DEADLINE_EXCEEDED".equals(code)) {
            permanent = false;
        } else if ("INVALID_ARGUMENT".equals(code) || "FAILED_PRECONDITION".equals(code)
                || "PERMISSION_DENIED".equals(code) || "UNAUTHENTICATED".equals(code)) {
            permanent = true;
        }
        if (isSafetyBlock(message)) {
            permanent = true;
        }
        if (status == 401 || status == 403 || (code.isEmpty() && message.isEmpty())) {
            return new Verdict(permanent, standard.reason());
        }
        String detail = code.isEmpty() ? message : message.isEmpty() ? code : code + ": " + message;
        return new Verdict(permanent, standard.reason() + ": " + detail);
    }

    /** Google's {@code RetryInfo} detail, e.g. {@code "retryDelay": "37s"} or {@code "1.5s"}. */
    @Override
    public Optional<Duration> retryAfter(String body) {
        for (JsonNode detail : error(body).path("details")) {
            if (detail.path("@type").asText("").endsWith("google.rpc.RetryInfo")) {
                java.util.regex.Matcher delay = RETRY_DELAY.matcher(detail.path("retryDelay").asText(""));
                if (delay.matches()) {
                    return Optional.of(Duration.ofMillis(Math.round(Double.parseDouble(delay.group(1)) * 1000)));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * A 4xx, or Google's {@code UNAVAILABLE} (503, "the model is overloaded"), which by Google's API rules means the
     * request was not processed and is safe to send again: without this, every overloaded moment would leave a clip
     * that cannot be looked up and must wait for a person.
     */
    @Override
    public boolean changedNothing(int status, String body) {
        return status < 500 || "UNAVAILABLE".equals(error(body).path("status").asText(""));
    }

    /** Whether a message says a safety or responsible-AI filter refused the request. */
    static boolean isSafetyBlock(String message) {
        String lower = message == null ? "" : message.toLowerCase(Locale.ROOT);
        return lower.contains("safety") || lower.contains("responsible ai") || lower.contains("usage guidelines");
    }

    static JsonNode error(String body) {
        try {
            return JsonApi.JSON.readTree(body == null || body.isBlank() ? "{}" : body).path("error");
        } catch (Exception e) {
            return JsonApi.JSON.missingNode();
        }
    }
}
