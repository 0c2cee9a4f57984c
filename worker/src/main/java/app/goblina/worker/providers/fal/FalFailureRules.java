package app.goblina.worker.providers.fal;

import app.goblina.worker.providers.http.FailureRules;
import app.goblina.worker.providers.http.VendorMessage;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * fal's errors on top of the standard HTTP rules (408, 409, 429 and 5xx transient; {@code Retry-After} is read by
 * {@link app.goblina.worker.providers.http.ProviderHttp}). Model errors are {@code {"detail":[{loc, msg, type}]}}
 * (a 422 content-policy refusal among them), request errors {@code {"detail": "...", "error_type": "..."}}; either
 * way fal's words join the reason, except for 401, whose text is about our key. A 403 for an exhausted balance is
 * permanent, like every 4xx but 408, 409 and 429.
 */
final class FalFailureRules implements FailureRules {

    static final String CONTENT_POLICY = "content_policy_violation";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String key;

    FalFailureRules(String key) {
        this.key = key;
    }

    @Override
    public Verdict judge(int status, String body) {
        Verdict standard = FailureRules.standard().judge(status, body);
        if (status == 401) {
            return standard;
        }
        String detail = VendorMessage.clean(detail(body), key);
        if (status == 403 && detail.toLowerCase(Locale.ROOT).contains("balance")) {
            return new Verdict(true, "HTTP 403 (the fal balance is exhausted: top it up): " + detail);
        }
        return detail.isEmpty() ? standard : new Verdict(standard.permanent(), standard.reason() + ": " + detail);
    }

    /** fal's own words: each model error's {@code msg (type)}, or a request error's text, or nothing. */
    static String detail(String body) {
        JsonNode node;
        try {
            node = JSON.readTree(body == null ? "" : body);
        } catch (Exception e) {
            return "";
        }
        if (node == null) {
            return "";
        }
        JsonNode detail = node.path("detail");
        if (detail.isTextual()) {
            String type = node.path("error_type").asText("");
            return type.isEmpty() ? detail.asText() : detail.asText() + " (" + type + ")";
        }
        List<String> parts = new ArrayList<>();
        for (JsonNode error : detail) {
            String msg = error.path("msg").asText("");
            String type = error.path("type").asText("");
            if (!msg.isEmpty() || !type.isEmpty()) {
                parts.add(type.isEmpty() ? msg : msg + " (" + type + ")");
            }
        }
        return String.join("; ", parts);
    }
}
