package app.goblina.analysis;

import app.goblina.domain.StyleGuide;
import app.goblina.failures.PermanentFailure;
import app.goblina.failures.TransientFailure;

/**
 * Turns a character image into a {@link StyleGuide}. Implementations: the local analyst (reads the pixels),
 * and vision models behind provider adapters.
 *
 * <p>Blocking. Never returns null. Throws {@link TransientFailure} when a retry may succeed and
 * {@link PermanentFailure} (with a reason the user can read) when it cannot.
 */
public interface CharacterAnalyst {

    /** A short name for logs and records, e.g. {@code local} or {@code openai}. */
    String name();

    /** The model that reads the images; part of the key under which paid analyses are cached. */
    default String model() {
        return name();
    }

    StyleGuide analyse(String characterName, CharacterImage image);
}
