package app.goblina.api.problems;

import java.time.Duration;

/** {@code Retry-After} in whole seconds, rounded up and at least one, so a client never retries too early. */
public final class RetryAfter {

    private RetryAfter() {
    }

    public static long seconds(Duration wait) {
        long millis = Math.max(0, wait.toMillis());
        return Math.max(1, (millis + 999) / 1000);
    }
}
