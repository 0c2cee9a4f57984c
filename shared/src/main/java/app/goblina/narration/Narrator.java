package app.goblina.narration;

import app.goblina.failures.PermanentFailure;
import app.goblina.failures.TransientFailure;
import java.nio.file.Path;

/**
 * Text to speech for a scenario's line. Implementations: provider adapters (OpenAI speech).
 *
 * <p>Blocking, one HTTP exchange. Streams the audio to {@code target} and returns its media type
 * (e.g. {@code audio/mpeg}). Throws {@link TransientFailure} when a retry may succeed and
 * {@link PermanentFailure} with a user-readable reason when it cannot.
 */
public interface Narrator {

    String name();

    String narrate(NarrationRequest request, Path target);
}
