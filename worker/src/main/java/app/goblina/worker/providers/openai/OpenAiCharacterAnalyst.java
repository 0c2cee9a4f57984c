package app.goblina.worker.providers.openai;

import app.goblina.analysis.CharacterAnalyst;
import app.goblina.analysis.CharacterImage;
import app.goblina.domain.StyleGuide;
import app.goblina.worker.providers.llm.ModelAnalyst;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

/**
 * Character analysis by an OpenAI vision model ({@code goblina.openai.analysis-model}), with one repair of an
 * invalid answer. Exists only when an OpenAI key is configured.
 *
 * <p>Blocking. Throws {@code TransientFailure} on timeouts, 429 and 5xx (with OpenAI's Retry-After), and
 * {@code PermanentFailure} on a refused key, an exhausted quota, a refusal or an answer still invalid after repair.
 */
@Singleton
@Requires(property = OpenAiConfig.API_KEY, pattern = OpenAiConfig.SET)
public class OpenAiCharacterAnalyst implements CharacterAnalyst {

    private final ModelAnalyst analyst;
    private final String model;

    public OpenAiCharacterAnalyst(OpenAiApi api) {
        this.model = api.config().analysisModel();
        this.analyst = new ModelAnalyst(new OpenAiChat(api, api.config().analysisModel()));
    }

    @Override
    public String name() {
        return "openai";
    }

    @Override
    public String model() {
        return model;
    }

    @Override
    public StyleGuide analyse(String characterName, CharacterImage image) {
        return analyst.analyse(characterName, image);
    }
}
