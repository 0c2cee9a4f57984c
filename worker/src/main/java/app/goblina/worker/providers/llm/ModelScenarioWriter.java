package app.goblina.worker.providers.llm;

import app.goblina.domain.ScenarioDraft;
import app.goblina.failures.PermanentFailure;
import app.goblina.failures.TransientFailure;
import app.goblina.scenarios.ScenarioBrief;
import app.goblina.scenarios.ScenarioWriter;
import java.util.List;
import java.util.Objects;

/**
 * Scenario writing by a language model behind any vendor's {@link StructuredChat}: the writing prompt, the
 * scenario schema for the brief's count, one repair of an invalid answer. Each vendor's adapter factory makes one.
 *
 * <p>Blocking. Returns exactly {@code brief.count()} drafts. Throws {@link TransientFailure} when a retry may
 * succeed and {@link PermanentFailure} with a user-readable reason when it cannot.
 */
public final class ModelScenarioWriter implements ScenarioWriter {

    private final String name;
    private final String defaultModel;
    private final StructuredChat chat;

    /**
     * @param name         the vendor's adapter name, e.g. {@code openai}
     * @param defaultModel the model asked when a brief names none
     */
    public ModelScenarioWriter(String name, String defaultModel, StructuredChat chat) {
        this.name = Objects.requireNonNull(name, "name");
        this.defaultModel = Objects.requireNonNull(defaultModel, "defaultModel");
        this.chat = Objects.requireNonNull(chat, "chat");
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String defaultModel() {
        return defaultModel;
    }

    @Override
    public List<ScenarioDraft> write(ScenarioBrief brief) {
        // The project's own model when it named one, else the configured writing model.
        String model = brief.model() != null ? brief.model() : defaultModel;
        return AskWithOneRepair.ask(chat, model, ScenarioPrompt.forBrief(brief),
                answer -> ScenarioSchema.check(answer, brief.count()), "the writer");
    }
}
