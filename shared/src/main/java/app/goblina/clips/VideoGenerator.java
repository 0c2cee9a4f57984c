package app.goblina.clips;

import app.goblina.failures.PermanentFailure;
import app.goblina.failures.TransientFailure;
import java.nio.file.Path;

/**
 * A video model behind an asynchronous submit / status / download contract. Implementations: the local FFmpeg
 * renderer and provider adapters (the Sora {@code /v1/videos} contract, Replicate, ...).
 *
 * <p>All methods block for one HTTP exchange at most; waiting for a generation is the caller's job (a poll job
 * that reschedules itself), never a sleeping thread here. Failures: {@link TransientFailure} when a retry may
 * succeed, {@link PermanentFailure} with a user-readable reason when it cannot.
 */
public interface VideoGenerator {

    String name();

    /**
     * Starts a generation. Paid: callers record the intent before calling and the returned id right after.
     * Implementations that can find an earlier generation by {@link ClipRequest#idempotencyKey()} return it
     * instead of starting another.
     */
    ClipJob submit(ClipRequest request);

    /** Asks once where the generation is. */
    ClipJob status(String providerJobId);

    /** Copies the finished video to {@code target}, streaming, never holding it whole in memory. */
    void download(String providerJobId, Path target);
}
