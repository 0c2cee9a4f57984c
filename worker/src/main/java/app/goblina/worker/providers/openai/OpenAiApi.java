package app.goblina.worker.providers.openai;

import app.goblina.worker.providers.http.JsonApi;
import app.goblina.worker.providers.http.ProviderHttp;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Map;

/**
 * The connection to OpenAI that its adapters share: one HTTP client, the key, the vendor's failure rules. Exists
 * only when a key is configured.
 */
@Singleton
@Requires(property = OpenAiConfig.API_KEY, pattern = OpenAiConfig.SET)
public class OpenAiApi {

    private final OpenAiConfig config;
    private final JsonApi json;

    public OpenAiApi(OpenAiConfig config, Clock clock) {
        this.config = config;
        this.json = new JsonApi(new ProviderHttp("openai", config.connectTimeout(), clock),
                new OpenAiFailureRules(config.apiKey(), "this request"), config::endpoint,
                Map.of("Authorization", "Bearer " + config.apiKey()), config.requestTimeout(),
                config.maxResponseBytes());
    }

    public OpenAiConfig config() {
        return config;
    }

    /** JSON requests with the key; chat answers are capped at {@code maxResponseBytes}. */
    JsonApi json() {
        return json;
    }
}
