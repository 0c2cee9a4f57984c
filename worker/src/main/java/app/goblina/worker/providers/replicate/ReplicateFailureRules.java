package app.goblina.worker.providers.replicate;

import app.goblina.worker.providers.http.FailureRules;
import app.goblina.worker.providers.http.VendorMessage;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Replicate's RFC 7807 errors on top of the standard HTTP rules: the {@code detail} is added to the reason (a 422
 * lists the inputs the model refused; a 429 says when the limit resets, which {@link ThrottleWait} reads), except
 * for 401 and 403. A 402 (out of credit) is permanent, like every 4xx but 408, 409 and 429.
 */
final class ReplicateFailureRules implements FailureRules {

    private final String apiToken;

    ReplicateFailureRules(String apiToken) {
        this.apiToken = apiToken;
    }

    @Override
    public Verdict judge(int status, String body) {
        JsonNode problem = problem(body);
        Verdict standard = FailureRules.standard().judge(status, body);
        if (status == 402) {
            return new Verdict(true, "HTTP 402 (insufficient credit: the Replicate account must be topped up)");
        }
        String detail = VendorMessage.clean(problem.path("detail").asText(problem.path("title").asText("")), apiToken);
        if (status == 401 || status == 403 || detail.isEmpty()) {
            return standard;
        }
        return new Verdict(standard.permanent(), standard.reason() + ": " + detail);
    }

    private static JsonNode problem(String body) {
        try {
            return ReplicatePrediction.JSON.readTree(body == null ? "" : body);
        } catch (Exception e) {
            return ReplicatePrediction.JSON.missingNode();
        }
    }
}
