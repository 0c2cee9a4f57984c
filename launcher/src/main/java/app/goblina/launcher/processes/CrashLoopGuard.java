package app.goblina.launcher.processes;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Tells a child worth restarting from one in a crash loop: at most {@code maxRestarts} restarts within any
 * {@code window}; the next death within it means restarting again would not help, and the platform gives up.
 * Not thread-safe: one per child, used under its supervisor's lock.
 */
final class CrashLoopGuard {

    private final int maxRestarts;
    private final Duration window;
    private final Deque<Instant> restarts = new ArrayDeque<>();

    CrashLoopGuard(int maxRestarts, Duration window) {
        if (maxRestarts < 0) {
            throw new IllegalArgumentException("maxRestarts must not be negative, got " + maxRestarts);
        }
        this.maxRestarts = maxRestarts;
        this.window = window;
    }

    /**
     * Whether a child that died at {@code now} may be restarted; when it may, the restart is counted.
     * {@code now} never goes backwards between calls.
     */
    boolean allowRestart(Instant now) {
        while (!restarts.isEmpty() && !restarts.peekFirst().isAfter(now.minus(window))) {
            restarts.removeFirst();
        }
        if (restarts.size() >= maxRestarts) {
            return false;
        }
        restarts.addLast(now);
        return true;
    }

    Duration window() {
        return window;
    }

    /** Restarts counted within the window that ended at the last {@link #allowRestart} call. */
    int recentRestarts() {
        return restarts.size();
    }
}
