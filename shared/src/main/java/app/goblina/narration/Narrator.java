package app.goblina.narration;

import app.goblina.failures.PermanentFailure;
import app.goblina.failures.TransientFailure;
import java.nio.file.Path;

/**
 * Text to speech for a scenario's line. Implementations: provider adapters (OpenAI speech, the local espeak-ng
 * narrator).
 *
 * <p>Blocking, one HTTP exchange or one local process. Streams the audio to {@code target} and returns its media
 * type (e.g. {@code audio/mpeg}). Throws {@link TransientFailure} when a retry may succeed and
 * {@link PermanentFailure} with a user-readable reason when it cannot.
 */
public interface Narrator {

    String name();

    String narrate(NarrationRequest request, Path target);

    /**
     * Whether this narrator can speak on this worker: a worker offers only those that can. Vendors' adapters exist
     * only when their key is set and always can; one that runs a local program cannot when it is not installed.
     */
    default boolean available() {
        return true;
    }
}
