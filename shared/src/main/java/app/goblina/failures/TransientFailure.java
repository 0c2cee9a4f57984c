package app.goblina.failures;

import java.time.Duration;
import java.util.Optional;

/**
 * A failure worth retrying: a timeout, a 429, a 5xx, a lost connection. JobRunr retries the job with backoff;
 * when the provider said how long to wait, {@link #retryAfter()} carries it.
 */
public class TransientFailure extends RuntimeException {

    private final Duration retryAfter;

    public TransientFailure(String message, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.retryAfter = retryAfter;
    }

    public TransientFailure(String message, Throwable cause) {
        this(message, null, cause);
    }

    public TransientFailure(String message) {
        this(message, null, null);
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
