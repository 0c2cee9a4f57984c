package app.goblina.failures;

import java.time.Duration;

/**
 * A provider's 429 that asks us to slow down (not an exhausted quota, which is permanent). A 429 is an answer:
 * the provider did nothing, so a refused create may be repeated without looking for an earlier one.
 */
public class RateLimited extends TransientFailure {

    public RateLimited(String message, Duration retryAfter) {
        super(message, retryAfter, null, true);
    }

    /** For JobRunr, which rebuilds a stored exception from its message. */
    public RateLimited(String message) {
        this(message, null);
    }
}
