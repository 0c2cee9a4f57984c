package app.goblina.worker.providers.anthropic;

import app.goblina.analysis.CharacterAnalyst;
import app.goblina.analysis.CharacterImage;
import app.goblina.domain.StyleGuide;
import app.goblina.worker.providers.llm.ModelAnalyst;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

/**
 * Character analysis by a Claude vision model ({@code goblina.anthropic.analysis-model}), with one repair of an
 * invalid answer. Exists only when an Anthropic key is configured.
 *
 * <p>Blocking. Throws {@code TransientFailure} on timeouts, 429 rate limits, 529 overload and 5xx, and
 * {@code PermanentFailure} on a refused key, a reached spend limit, a refusal or an answer still invalid after
 * repair. Anthropic takes images up to 5 MB; a larger upload is refused (400) and fails permanently.
 */
@Singleton
@Requires(property = AnthropicConfig.API_KEY, pattern = AnthropicConfig.SET)
public class AnthropicCharacterAnalyst implements CharacterAnalyst {

    private final ModelAnalyst analyst;
    private final String model;

    public AnthropicCharacterAnalyst(AnthropicApi api) {
        this.model = api.config().analysisModel();
        this.analyst = new ModelAnalyst(new AnthropicMessages(api, api.config().analysisModel()));
    }

    @Override
    public String name() {
        return "anthropic";
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
