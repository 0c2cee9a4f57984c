package app.goblina.worker.providers.ollama;

import app.goblina.domain.ScenarioDraft;
import app.goblina.scenarios.ScenarioBrief;
import app.goblina.scenarios.ScenarioWriter;
import app.goblina.worker.providers.llm.ModelWriter;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * Scenario writing by a model on an Ollama server ({@code goblina.ollama.writing-model}), with one repair of an
 * invalid answer. Exists only when {@code goblina.ollama.enabled} is true.
 *
 * <p>Blocking. Returns exactly {@code brief.count()} drafts. Throws {@code TransientFailure} on timeouts, 429 and
 * 5xx, and {@code PermanentFailure} when the model is not pulled or the answer is still invalid after repair.
 */
@Singleton
@Requires(property = OllamaConfig.ENABLED, value = "true")
public class OllamaScenarioWriter implements ScenarioWriter {

    private final OllamaApi api;

    public OllamaScenarioWriter(OllamaApi api) {
        this.api = api;
    }

    @Override
    public String name() {
        return "ollama";
    }

    @Override
    public String defaultModel() {
        return api.config().writingModel();
    }

    @Override
    public List<ScenarioDraft> write(ScenarioBrief brief) {
        // The project's own model when it named one, else the configured writing model.
        String model = brief.model() != null ? brief.model() : api.config().writingModel();
        return new ModelWriter(new OllamaChat(api, model)).write(brief);
    }
}
