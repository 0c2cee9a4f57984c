package app.goblina.failures;

import java.time.Duration;
import java.util.Optional;

/**
 * A failure worth retrying: a timeout, a 429, a 5xx, a lost connection. JobRunr retries the job with backoff;
 * when the provider said how long to wait, {@link #retryAfter()} carries it.
 *
 * <p>{@link #refusedWithoutEffect()} tells a definitive refusal from an unknown outcome: the provider answered
 * with a status that means it did nothing (a 4xx such as 429), as opposed to a timeout, a dropped connection or a
 * 5xx after which a paid create may or may not have happened.
 */
public class TransientFailure extends RuntimeException {

    private final Duration retryAfter;
    private final boolean refusedWithoutEffect;

    public TransientFailure(String message, Duration retryAfter, Throwable cause, boolean refusedWithoutEffect) {
        super(message, cause);
        this.retryAfter = retryAfter;
        this.refusedWithoutEffect = refusedWithoutEffect;
    }

    public TransientFailure(String message, Duration retryAfter, Throwable cause) {
        this(message, retryAfter, cause, false);
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

    /** True when the provider's answer shows the call changed nothing, so repeating it cannot pay twice. */
    public boolean refusedWithoutEffect() {
        return refusedWithoutEffect;
    }
}
