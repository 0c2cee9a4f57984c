package app.goblina.worker.providers.llm;

import app.goblina.analysis.CharacterImage;
import app.goblina.domain.StyleGuide;
import app.goblina.failures.PermanentFailure;
import app.goblina.failures.TransientFailure;

/**
 * Character analysis by any vision model: the analysis prompt, the style-guide schema, one repair. Vendor
 * adapters give it their {@link StructuredModel}.
 *
 * <p>Blocking. Throws {@link TransientFailure} when a retry may succeed and {@link PermanentFailure} with a
 * user-readable reason when it cannot.
 */
public final class ModelAnalyst {

    private final StructuredModel model;

    public ModelAnalyst(StructuredModel model) {
        this.model = model;
    }

    public StyleGuide analyse(String characterName, CharacterImage image) {
        return AskWithOneRepair.ask(model, AnalysisPrompt.forCharacter(characterName, image), StyleGuideSchema::check,
                "the analyst");
    }
}
