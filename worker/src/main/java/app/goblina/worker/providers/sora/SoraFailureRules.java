package app.goblina.worker.providers.sora;

import app.goblina.worker.providers.http.FailureRules;
import app.goblina.worker.providers.http.VendorMessage;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The contract's error signals on top of the standard HTTP rules. A 429 is either a rate limit (transient, with
 * {@code retry-after-ms} or {@code Retry-After}, which {@link app.goblina.worker.providers.http.ProviderHttp}
 * reads) or {@code insufficient_quota} (permanent: the account is out of credit, and waiting does not refill it).
 * The server's message is added to the reason so a refused request says why, except for 401 and 403, whose
 * messages quote part of the key.
 */
final class SoraFailureRules implements FailureRules {

    private final String apiKey;

    SoraFailureRules(String apiKey) {
        this.apiKey = apiKey;
    }

    @Override
    public Verdict judge(int status, String body) {
        JsonNode error = error(body);
        String code = error.path("code").asText("");
        String type = error.path("type").asText("");
        if (status == 429 && (code.equals("insufficient_quota") || type.equals("insufficient_quota"))) {
            return new Verdict(true, "quota exhausted: the account has no credit left for video generation "
                    + "(check its plan and billing)");
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
            return SoraVideo.JSON.readTree(body == null ? "" : body).path("error");
        } catch (Exception e) {
            return SoraVideo.JSON.missingNode();
        }
    }
}
