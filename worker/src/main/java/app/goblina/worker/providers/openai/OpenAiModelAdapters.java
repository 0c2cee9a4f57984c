package app.goblina.worker.providers.openai;

import app.goblina.analysis.CharacterAnalyst;
import app.goblina.scenarios.ScenarioWriter;
import app.goblina.worker.providers.llm.ModelCharacterAnalyst;
import app.goblina.worker.providers.llm.ModelScenarioWriter;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

/**
 * The adapters backed by OpenAI's chat models, named {@code openai}, over the connection they share with the
 * narrator. Exist only when a key is configured.
 *
 * <p>Both are blocking and repair an invalid answer once. They throw {@code TransientFailure} on timeouts, 429 and
 * 5xx (with OpenAI's Retry-After), and {@code PermanentFailure} on a refused key, an exhausted quota, a refusal,
 * the content filter or an answer still invalid after repair.
 */
@Factory
@Requires(property = OpenAiConfig.API_KEY, pattern = OpenAiConfig.SET)
public class OpenAiModelAdapters {

    static final String NAME = "openai";

    private final OpenAiConfig config;
    private final OpenAiChat chat;

    public OpenAiModelAdapters(OpenAiApi api) {
        this.config = api.config();
        this.chat = new OpenAiChat(api.json(), config.imageDetail(), config.maxOutputTokens());
    }

    /** Character analysis by {@code goblina.openai.analysis-model}, a vision model. */
    @Singleton
    CharacterAnalyst analyst() {
        return new ModelCharacterAnalyst(NAME, config.analysisModel(), chat);
    }

    /** Scenario writing by the brief's model, else {@code goblina.openai.writing-model}. */
    @Singleton
    ScenarioWriter writer() {
        return new ModelScenarioWriter(NAME, config.writingModel(), chat);
    }
}
