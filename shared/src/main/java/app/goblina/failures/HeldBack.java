package app.goblina.failures;

import java.time.Duration;

/**
 * Our own shared rate limit (not the provider's) asks this job to come back later. The job is retried in place at
 * {@link #retryAfter()}; these waits are bounded apart from real failures, so a busy provider limit never uses up
 * the retries a job has for provider errors.
 */
public class HeldBack extends TransientFailure {

    public HeldBack(String message, Duration retryAfter) {
        super(message, retryAfter, null);
    }

    /** For JobRunr, which rebuilds a stored exception from its message. */
    public HeldBack(String message) {
        super(message);
    }
}
