package app.goblina.failures;

import java.time.Duration;

/** A provider's 429 that asks us to slow down (not an exhausted quota, which is permanent). */
public class RateLimited extends TransientFailure {

    public RateLimited(String message, Duration retryAfter) {
        super(message, retryAfter, null);
    }
}
