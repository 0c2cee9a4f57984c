package app.goblina.worker.clips;

import java.time.Duration;
import java.util.Optional;

/**
 * When to ask a provider again. The provider's own hint wins (Sora's {@code openai-poll-after-ms}, a
 * Retry-After); otherwise the delay grows by half each time from 2 s to a 30 s ceiling: a render takes minutes,
 * and asking every second would spend rate limit for nothing.
 */
public final class PollSchedule {

    static final Duration FIRST = Duration.ofSeconds(2);
    static final Duration CEILING = Duration.ofSeconds(30);

    private PollSchedule() {
    }

    public static Duration delayBefore(int attempt, Optional<Duration> providerHint) {
        if (providerHint.isPresent()) {
            Duration hint = providerHint.get();
            return hint.isNegative() ? Duration.ZERO : hint.compareTo(CEILING) > 0 ? CEILING : hint;
        }
        double factor = Math.pow(1.5, Math.max(0, attempt - 1));
        long millis = Math.min((long) (FIRST.toMillis() * factor), CEILING.toMillis());
        return Duration.ofMillis(millis);
    }
}
