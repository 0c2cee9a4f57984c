package app.goblina.worker.providers.anthropic;

import app.goblina.domain.ScenarioDraft;
import app.goblina.scenarios.ScenarioBrief;
import app.goblina.scenarios.ScenarioWriter;
import app.goblina.worker.providers.llm.ModelWriter;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * Scenario writing by a Claude model ({@code goblina.anthropic.writing-model}), with one repair of an invalid
 * answer. Exists only when an Anthropic key is configured.
 *
 * <p>Blocking. Returns exactly {@code brief.count()} drafts. Throws {@code TransientFailure} on timeouts, 429 rate
 * limits, 529 overload and 5xx, and {@code PermanentFailure} on a refused key, a reached spend limit, a refusal or
 * an answer still invalid after repair.
 */
@Singleton
@Requires(property = AnthropicConfig.API_KEY, pattern = AnthropicConfig.SET)
public class AnthropicScenarioWriter implements ScenarioWriter {

    private final AnthropicApi api;

    public AnthropicScenarioWriter(AnthropicApi api) {
        this.api = api;
    }

    @Override
    public String name() {
        return "anthropic";
    }

    @Override
    public String defaultModel() {
        return api.config().writingModel();
    }

    @Override
    public List<ScenarioDraft> write(ScenarioBrief brief) {
        // The project's own model when it named one, else the configured writing model.
        String model = brief.model() != null ? brief.model() : api.config().writingModel();
        return new ModelWriter(new AnthropicMessages(api, model)).write(brief);
    }
}
