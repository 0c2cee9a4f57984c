package app.goblina.worker.providers.llm;

import app.goblina.analysis.CharacterAnalyst;
import app.goblina.analysis.CharacterImage;
import app.goblina.domain.StyleGuide;
import app.goblina.failures.PermanentFailure;
import app.goblina.failures.TransientFailure;
import java.util.Objects;

/**
 * Character analysis by a vision model behind any vendor's {@link StructuredChat}: the analysis prompt, the
 * style-guide schema, one repair of an invalid answer. Each vendor's adapter factory makes one.
 *
 * <p>Blocking. Throws {@link TransientFailure} when a retry may succeed and {@link PermanentFailure} with a
 * user-readable reason when it cannot, as the vendor's chat and the repair decide.
 */
public final class ModelCharacterAnalyst implements CharacterAnalyst {

    private final String name;
    private final String model;
    private final StructuredChat chat;

    /**
     * @param name  the vendor's adapter name, e.g. {@code openai}
     * @param model the vision model that reads every image
     */
    public ModelCharacterAnalyst(String name, String model, StructuredChat chat) {
        this.name = Objects.requireNonNull(name, "name");
        this.model = Objects.requireNonNull(model, "model");
        this.chat = Objects.requireNonNull(chat, "chat");
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String model() {
        return model;
    }

    @Override
    public StyleGuide analyse(String characterName, CharacterImage image) {
        return AskWithOneRepair.ask(chat, model, AnalysisPrompt.forCharacter(characterName, image),
                StyleGuideSchema::check, "the analyst");
    }
}
