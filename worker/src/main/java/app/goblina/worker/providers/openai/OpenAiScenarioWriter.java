package app.goblina.worker.providers.openai;

import app.goblina.domain.ScenarioDraft;
import app.goblina.scenarios.ScenarioBrief;
import app.goblina.scenarios.ScenarioWriter;
import app.goblina.worker.providers.llm.ModelWriter;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * Scenario writing by an OpenAI model ({@code goblina.openai.writing-model}), with one repair of an invalid
 * answer. Exists only when an OpenAI key is configured.
 *
 * <p>Blocking. Returns exactly {@code brief.count()} drafts. Throws {@code TransientFailure} on timeouts, 429 and
 * 5xx, and {@code PermanentFailure} on a refused key, an exhausted quota, a refusal or an answer still invalid
 * after repair.
 */
@Singleton
@Requires(property = OpenAiConfig.API_KEY, pattern = OpenAiConfig.SET)
public class OpenAiScenarioWriter implements ScenarioWriter {

    private final OpenAiApi api;

    public OpenAiScenarioWriter(OpenAiApi api) {
        this.api = api;
    }

    @Override
    public String name() {
        return "openai";
    }

    @Override
    public String defaultModel() {
        return api.config().writingModel();
    }

    @Override
    public List<ScenarioDraft> write(ScenarioBrief brief) {
        // The project's own model when it named one, else the configured writing model.
        String model = brief.model() != null ? brief.model() : api.config().writingModel();
        return new ModelWriter(new OpenAiChat(api, model)).write(brief);
    }
}
