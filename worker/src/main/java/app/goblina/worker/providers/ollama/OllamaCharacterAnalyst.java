package app.goblina.worker.providers.ollama;

import app.goblina.analysis.CharacterAnalyst;
import app.goblina.analysis.CharacterImage;
import app.goblina.domain.StyleGuide;
import app.goblina.worker.providers.llm.ModelAnalyst;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

/**
 * Character analysis by a vision model on an Ollama server ({@code goblina.ollama.analysis-model}), with one
 * repair of an invalid answer. Exists only when {@code goblina.ollama.enabled} is true.
 *
 * <p>Blocking. Throws {@code TransientFailure} on timeouts, 429 and 5xx (503 when Ollama's queue is full), and
 * {@code PermanentFailure} when the model is not pulled or the answer is still invalid after repair.
 */
@Singleton
@Requires(property = OllamaConfig.ENABLED, value = "true")
public class OllamaCharacterAnalyst implements CharacterAnalyst {

    private final ModelAnalyst analyst;
    private final String model;

    public OllamaCharacterAnalyst(OllamaApi api) {
        this.model = api.config().analysisModel();
        this.analyst = new ModelAnalyst(new OllamaChat(api, api.config().analysisModel()));
    }

    @Override
    public String name() {
        return "ollama";
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
