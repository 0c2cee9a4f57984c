package app.goblina.worker.providers.anthropic;

import app.goblina.worker.providers.http.FailureRules;
import app.goblina.worker.providers.http.VendorMessage;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Locale;

/**
 * Anthropic's error signals on top of the standard HTTP rules: a 429 {@code rate_limit_error} is transient (with
 * its {@code retry-after}) unless its message speaks of the spend limit or credit, which waiting does not cure;
 * 529 {@code overloaded_error} is transient like any 5xx. Anthropic's own message is added to the reason, except
 * for 401 and 403.
 */
final class AnthropicFailureRules implements FailureRules {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String apiKey;

    AnthropicFailureRules(String apiKey) {
        this.apiKey = apiKey;
    }

    @Override
    public Verdict judge(int status, String body) {
        JsonNode error = error(body);
        String message = VendorMessage.clean(error.path("message").asText(""), apiKey);
        String lower = message.toLowerCase(Locale.ROOT);
        if (status == 429 && (lower.contains("spend limit") || lower.contains("credit"))) {
            return new Verdict(true, "spend limit reached: " + message);
        }
        Verdict standard = FailureRules.standard().judge(status, body);
        String reason = status == 529 ? "HTTP 529 (overloaded)" : standard.reason();
        if (status == 401 || status == 403 || message.isEmpty()) {
            return new Verdict(standard.permanent(), reason);
        }
        return new Verdict(standard.permanent(), reason + ": " + message);
    }

    private static JsonNode error(String body) {
        try {
            return JSON.readTree(body == null ? "" : body).path("error");
        } catch (Exception e) {
            return JSON.missingNode();
        }
    }
}
