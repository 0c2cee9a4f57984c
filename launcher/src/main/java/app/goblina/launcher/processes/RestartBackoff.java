package app.goblina.launcher.processes;

import java.time.Duration;
import java.util.Objects;

/**
 * How long to wait before restarting a child that died: {@code initial} before the first restart in a row,
 * doubling each time up to {@code max}. A child that stayed up for {@code stableAfter} before it died is not in a
 * row with its earlier deaths: its restart waits {@code initial} again.
 *
 * @param initial     the wait before the first restart in a row
 * @param max         the longest wait
 * @param stableAfter how long a child must run for its next death to count as a first one again
 */
record RestartBackoff(Duration initial, Duration max, Duration stableAfter) {

    /** 1 s, 2 s, 4 s, ... up to 30 s; a minute up resets it. */
    static final RestartBackoff DEFAULT = new RestartBackoff(Duration.ofSeconds(1), Duration.ofSeconds(30),
            Duration.ofMinutes(1));

    RestartBackoff {
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(max, "max");
        Objects.requireNonNull(stableAfter, "stableAfter");
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("need 0 < initial <= max, got " + initial + " and " + max);
        }
    }

    /** The wait before the {@code restartInARow}-th restart in a row (1 for the first): initial × 2^(n-1), at most max. */
    Duration delayBefore(int restartInARow) {
        if (restartInARow < 1) {
            throw new IllegalArgumentException("restarts in a row count from 1, got " + restartInARow);
        }
        Duration delay = initial;
        for (int n = 1; n < restartInARow && delay.compareTo(max) < 0; n++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(max) > 0 ? max : delay;
    }

    /** Whether a child that ran for {@code uptime} before it died had been stable, which resets the row. */
    boolean wasStable(Duration uptime) {
        return uptime.compareTo(stableAfter) >= 0;
    }
}
