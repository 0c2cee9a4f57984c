package app.goblina.clips;

import app.goblina.failures.PermanentFailure;
import app.goblina.failures.TransientFailure;
import java.nio.file.Path;
import java.time.Instant;
import java.util.function.Predicate;

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

    /**
     * Copies the video of a status answer just received ({@link #status}, SUCCEEDED). Adapters whose status
     * answer names the file ({@link ClipJob#output()}) fetch it from there, one call fewer than
     * {@link #download(String, Path)}; what a refused link means stays the adapter's rule (Replicate asks for the
     * prediction afresh, Veo's expired file is permanent). The others simply call {@link #download(String, Path)}.
     */
    default void download(ClipJob finished, Path target) {
        download(finished.providerJobId(), target);
    }

    /**
     * Looks for a generation this request already started, created at or after {@code intentRecordedAt}: the
     * step that keeps a retry after a crash or a create-call timeout from paying twice. Adapters match on what
     * the contract lets them list (e.g. prompt, model, size and creation time). A generation for which
     * {@code claimedByAnotherClip} answers true belongs to another clip of ours with the same prompt and settings:
     * it is neither adopted nor counted as a candidate.
     */
    EarlierSubmission findEarlier(ClipRequest request, Instant intentRecordedAt, Predicate<String> claimedByAnotherClip);

    /** {@link #findEarlier(ClipRequest, Instant, Predicate)} when no other clip has claimed anything. */
    default EarlierSubmission findEarlier(ClipRequest request, Instant intentRecordedAt) {
        return findEarlier(request, intentRecordedAt, providerJobId -> false);
    }

    /**
     * Stops a generation and its billing where the provider allows. What happens to a finished one is the
     * provider's: the Sora contract deletes it, Replicate leaves it as it is.
     */
    void cancel(String providerJobId);
}
