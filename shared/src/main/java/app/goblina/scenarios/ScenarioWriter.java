package app.goblina.scenarios;

import app.goblina.domain.ScenarioDraft;
import app.goblina.failures.PermanentFailure;
import app.goblina.failures.TransientFailure;
import java.util.List;

/**
 * Writes the beats of a short. Implementations: the local template writer and LLMs behind provider adapters.
 *
 * <p>Blocking. Returns exactly {@code brief.count()} drafts, in order. Throws {@link TransientFailure} when a
 * retry may succeed and {@link PermanentFailure} when it cannot.
 */
public interface ScenarioWriter {

    String name();

    /** The model used when a brief names none; part of the key under which paid scenarios are cached. */
    default String defaultModel() {
        return name();
    }

    List<ScenarioDraft> write(ScenarioBrief brief);
}
