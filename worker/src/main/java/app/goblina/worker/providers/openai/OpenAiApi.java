package app.goblina.worker.providers.openai;

import app.goblina.worker.providers.http.FailureRules;
import app.goblina.worker.providers.http.ProviderHttp;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.net.http.HttpRequest;
import java.time.Clock;

/**
 * The connection to OpenAI that its adapters share: one HTTP client, the key, the vendor's failure rules. Exists
 * only when a key is configured.
 */
@Singleton
@Requires(property = OpenAiConfig.API_KEY, pattern = OpenAiConfig.SET)
public class OpenAiApi {

    static final ObjectMapper JSON = new ObjectMapper();

    private final OpenAiConfig config;
    private final ProviderHttp http;
    private final FailureRules rules;

    public OpenAiApi(OpenAiConfig config, Clock clock) {
        this.config = config;
        this.http = new ProviderHttp("openai", config.connectTimeout(), clock);
        this.rules = new OpenAiFailureRules(config.apiKey(), "this request");
    }

    public OpenAiConfig config() {
        return config;
    }

    ProviderHttp http() {
        return http;
    }

    FailureRules rules() {
        return rules;
    }

    /** A JSON POST to {@code path} with the key, bounded by the request timeout. */
    HttpRequest.Builder post(String path, JsonNode body) {
        try {
            return HttpRequest.newBuilder(config.endpoint(path))
                    .timeout(config.requestTimeout())
                    .header("Authorization", "Bearer " + config.apiKey())
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a request built from JSON nodes always serialises", e);
        }
    }
}
