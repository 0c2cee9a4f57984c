package app.goblina.worker.providers.ollama;

import app.goblina.worker.providers.http.FailureRules;
import app.goblina.worker.providers.http.ProviderHttp;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.net.http.HttpRequest;
import java.time.Clock;

/** The connection to an Ollama server that its adapters share. Exists only when Ollama is enabled. */
@Singleton
@Requires(property = OllamaConfig.ENABLED, value = "true")
public class OllamaApi {

    static final ObjectMapper JSON = new ObjectMapper();

    private final OllamaConfig config;
    private final ProviderHttp http;
    private final FailureRules rules = new OllamaFailureRules();

    public OllamaApi(OllamaConfig config, Clock clock) {
        this.config = config;
        this.http = new ProviderHttp("ollama", config.connectTimeout(), clock);
    }

    public OllamaConfig config() {
        return config;
    }

    ProviderHttp http() {
        return http;
    }

    FailureRules rules() {
        return rules;
    }

    /** A JSON POST to {@code path}, bounded by the request timeout. */
    HttpRequest post(String path, JsonNode body) {
        try {
            return HttpRequest.newBuilder(config.endpoint(path))
                    .timeout(config.requestTimeout())
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                    .build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a request built from JSON nodes always serialises", e);
        }
    }
}
