package app.goblina.worker.providers.anthropic;

import app.goblina.analysis.CharacterAnalyst;
import app.goblina.scenarios.ScenarioWriter;
import app.goblina.worker.providers.http.JsonApi;
import app.goblina.worker.providers.http.ProviderHttp;
import app.goblina.worker.providers.llm.ModelCharacterAnalyst;
import app.goblina.worker.providers.llm.ModelScenarioWriter;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Map;

/**
 * The Claude-backed adapters, named {@code anthropic}, over one connection to Anthropic: the key and API version
 * headers and the vendor's failure rules. Exist only when a key is configured.
 *
 * <p>Both are blocking and repair an invalid answer once. They throw {@code TransientFailure} on timeouts, 429 rate
 * limits, 529 overload and 5xx, and {@code PermanentFailure} on a refused key, a reached spend limit, a refusal or
 * an answer still invalid after repair. Anthropic takes images up to 5 MB; a larger upload is refused (400) and
 * fails permanently.
 */
@Factory
@Requires(property = AnthropicConfig.API_KEY, pattern = AnthropicConfig.SET)
public class AnthropicModelAdapters {

    static final String NAME = "anthropic";
    /** The API version our requests and parsing are written against. */
    static final String VERSION = "2023-06-01";

    private final AnthropicConfig config;
    private final AnthropicMessages messages;

    public AnthropicModelAdapters(AnthropicConfig config, Clock clock) {
        this.config = config;
        JsonApi api = new JsonApi(new ProviderHttp(NAME, config.connectTimeout(), clock),
                new AnthropicFailureRules(config.apiKey()), config::endpoint,
                Map.of("x-api-key", config.apiKey(), "anthropic-version", VERSION), config.requestTimeout(),
                config.maxResponseBytes());
        this.messages = new AnthropicMessages(api, config.maxTokens());
    }

    /** Character analysis by {@code goblina.anthropic.analysis-model}, a vision model. */
    @Singleton
    CharacterAnalyst analyst() {
        return new ModelCharacterAnalyst(NAME, config.analysisModel(), messages);
    }

    /** Scenario writing by the brief's model, else {@code goblina.anthropic.writing-model}. */
    @Singleton
    ScenarioWriter writer() {
        return new ModelScenarioWriter(NAME, config.writingModel(), messages);
    }
}
