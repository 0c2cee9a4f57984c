package app.goblina.clips;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * What a provider says about a generation.
 *
 * @param providerJobId  the provider's id for the generation
 * @param state          where it is
 * @param progress       0–100 when the provider reports it
 * @param failureReason  the provider's reason when {@code state} is FAILED, readable by a user
 * @param pollAfter      how long the provider asks us to wait before asking again, when it says
 * @param output         where the finished video can be fetched, when the status answer names it (Replicate's
 *                       {@code output}, the video {@code uri} of a done Veo operation):
 *                       {@link VideoGenerator#download(ClipJob, java.nio.file.Path)} then fetches it without asking
 *                       for the status again; null otherwise
 */
public record ClipJob(String providerJobId, State state, int progress, String failureReason, Duration pollAfter,
        URI output) {

    public enum State { QUEUED, RUNNING, SUCCEEDED, FAILED }

    /** A status answer that names no output link. */
    public ClipJob(String providerJobId, State state, int progress, String failureReason, Duration pollAfter) {
        this(providerJobId, state, progress, failureReason, pollAfter, null);
    }

    public Optional<Duration> suggestedPollDelay() {
        return Optional.ofNullable(pollAfter);
    }

    public boolean isFinished() {
        return state == State.SUCCEEDED || state == State.FAILED;
    }
}
