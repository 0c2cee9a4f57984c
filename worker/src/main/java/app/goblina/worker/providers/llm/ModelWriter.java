package app.goblina.worker.providers.llm;

import app.goblina.domain.ScenarioDraft;
import app.goblina.failures.PermanentFailure;
import app.goblina.failures.TransientFailure;
import app.goblina.scenarios.ScenarioBrief;
import java.util.List;

/**
 * Scenario writing by any language model: the writing prompt, the scenario schema for the brief's count, one
 * repair. Vendor adapters give it their {@link StructuredModel}.
 *
 * <p>Blocking. Returns exactly {@code brief.count()} drafts. Throws {@link TransientFailure} when a retry may
 * succeed and {@link PermanentFailure} with a user-readable reason when it cannot.
 */
public final class ModelWriter {

    private final StructuredModel model;

    public ModelWriter(StructuredModel model) {
        this.model = model;
    }

    public List<ScenarioDraft> write(ScenarioBrief brief) {
        return AskWithOneRepair.ask(model, ScenarioPrompt.forBrief(brief),
                answer -> ScenarioSchema.check(answer, brief.count()), "the writer");
    }
}
