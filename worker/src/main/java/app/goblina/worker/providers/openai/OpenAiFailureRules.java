package app.goblina.worker.providers.openai;

import app.goblina.worker.providers.http.FailureRules;
import app.goblina.worker.providers.http.VendorMessage;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * OpenAI's error signals on top of the standard HTTP rules: a 429 whose {@code error.code} or {@code error.type}
 * is {@code insufficient_quota} is permanent (the account has run out of credit; waiting does not help), and
 * OpenAI's own message is added to the reason, except for 401 and 403, whose messages quote part of the key. The
 * Sora contract's gateways answer errors in the same shape, so its adapter uses these rules too.
 */
public final class OpenAiFailureRules implements FailureRules {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String apiKey;
    private final String spentOn;

    /** @param spentOn what the exhausted credit was for, in the user's words, e.g. "this request" */
    public OpenAiFailureRules(String apiKey, String spentOn) {
        this.apiKey = apiKey;
        this.spentOn = spentOn;
    }

    @Override
    public Verdict judge(int status, String body) {
        JsonNode error = error(body);
        String code = error.path("code").asText("");
        String type = error.path("type").asText("");
        if (status == 429 && (code.equals("insufficient_quota") || type.equals("insufficient_quota"))) {
            return new Verdict(true, "quota exhausted: the account has no credit left for " + spentOn
                    + " (check its plan and billing)");
        }
        Verdict standard = FailureRules.standard().judge(status, body);
        String message = VendorMessage.clean(error.path("message").asText(""), apiKey);
        if (status == 401 || status == 403 || message.isEmpty()) {
            return standard;
        }
        return new Verdict(standard.permanent(), standard.reason() + ": " + message);
    }

    private static JsonNode error(String body) {
        try {
            return JSON.readTree(body == null ? "" : body).path("error");
        } catch (Exception e) {
            return JSON.missingNode();
        }
    }
}
