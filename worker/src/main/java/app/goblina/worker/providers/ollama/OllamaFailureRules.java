package app.goblina.worker.providers.ollama;

import app.goblina.worker.providers.http.FailureRules;
import app.goblina.worker.providers.http.VendorMessage;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Ollama's errors, {@code {"error":"…"}}, on top of the standard HTTP rules. A 404 for a model that is not pulled
 * is permanent (a retry finds it missing again) and says how to fix it; Ollama's message is added to every reason.
 */
final class OllamaFailureRules implements FailureRules {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public Verdict judge(int status, String body) {
        String message = VendorMessage.clean(message(body), null);
        Verdict standard = FailureRules.standard().judge(status, body);
        if (status == 404 && message.contains("not found")) {
            return new Verdict(true, "the model is not available: " + message + " (run `ollama pull <model>` on the "
                    + "Ollama server)");
        }
        return message.isEmpty() ? standard : new Verdict(standard.permanent(), standard.reason() + ": " + message);
    }

    private static String message(String body) {
        try {
            return JSON.readTree(body == null ? "" : body).path("error").asText("");
        } catch (Exception e) {
            return "";
        }
    }
}
