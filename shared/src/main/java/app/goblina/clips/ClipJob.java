package app.goblina.clips;

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
 */
public record ClipJob(String providerJobId, State state, int progress, String failureReason, Duration pollAfter) {

    public enum State { QUEUED, RUNNING, SUCCEEDED, FAILED }

    public Optional<Duration> suggestedPollDelay() {
        return Optional.ofNullable(pollAfter);
    }

    public boolean isFinished() {
        return state == State.SUCCEEDED || state == State.FAILED;
    }
}
