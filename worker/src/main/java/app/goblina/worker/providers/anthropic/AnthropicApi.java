package app.goblina.worker.providers.anthropic;

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
 * The connection to Anthropic that its adapters share: one HTTP client, the key and API version headers, the
 * vendor's failure rules. Exists only when a key is configured.
 */
@Singleton
@Requires(property = AnthropicConfig.API_KEY, pattern = AnthropicConfig.SET)
public class AnthropicApi {

    static final ObjectMapper JSON = new ObjectMapper();
    /** The API version our requests and parsing are written against. */
    static final String VERSION = "2023-06-01";

    private final AnthropicConfig config;
    private final ProviderHttp http;
    private final FailureRules rules;

    public AnthropicApi(AnthropicConfig config, Clock clock) {
        this.config = config;
        this.http = new ProviderHttp("anthropic", config.connectTimeout(), clock);
        this.rules = new AnthropicFailureRules(config.apiKey());
    }

    public AnthropicConfig config() {
        return config;
    }

    ProviderHttp http() {
        return http;
    }

    FailureRules rules() {
        return rules;
    }

    /** A JSON POST to {@code path} with the key and version headers, bounded by the request timeout. */
    HttpRequest post(String path, JsonNode body) {
        try {
            return HttpRequest.newBuilder(config.endpoint(path))
                    .timeout(config.requestTimeout())
                    .header("x-api-key", config.apiKey())
                    .header("anthropic-version", VERSION)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                    .build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a request built from JSON nodes always serialises", e);
        }
    }
}
