package app.goblina.worker.providers.ollama;

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
 * The adapters backed by models on an Ollama server, named {@code ollama}, over one connection to it. Exist only
 * when {@code goblina.ollama.enabled} is true.
 *
 * <p>Both are blocking and repair an invalid answer once. They throw {@code TransientFailure} on timeouts, 429 and
 * 5xx (503 when Ollama's queue is full), and {@code PermanentFailure} when the model is not pulled or the answer
 * is still invalid after repair.
 */
@Factory
@Requires(property = OllamaConfig.ENABLED, value = "true")
public class OllamaModelAdapters {

    static final String NAME = "ollama";

    private final OllamaConfig config;
    private final OllamaChat chat;

    public OllamaModelAdapters(OllamaConfig config, Clock clock) {
        this.config = config;
        this.chat = new OllamaChat(new JsonApi(new ProviderHttp(NAME, config.connectTimeout(), clock),
                new OllamaFailureRules(), config::endpoint, Map.of(), config.requestTimeout(),
                config.maxResponseBytes()));
    }

    /** Character analysis by {@code goblina.ollama.analysis-model}, a pulled vision model. */
    @Singleton
    CharacterAnalyst analyst() {
        return new ModelCharacterAnalyst(NAME, config.analysisModel(), chat);
    }

    /** Scenario writing by the brief's model, else {@code goblina.ollama.writing-model}. */
    @Singleton
    ScenarioWriter writer() {
        return new ModelScenarioWriter(NAME, config.writingModel(), chat);
    }
}
