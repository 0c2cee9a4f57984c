package app.goblina.launcher.processes;

import java.time.Duration;

/**
 * When the platform restarts a child that died and when it gives up instead.
 *
 * @param backoff     the wait before each restart
 * @param maxRestarts restarts allowed within {@code window}; one more death within it stops the platform
 * @param window      the span over which restarts are counted
 */
record RestartPolicy(RestartBackoff backoff, int maxRestarts, Duration window) {

    /** 1 s doubling to 30 s; more than 5 restarts within 5 minutes stops the platform. */
    static final RestartPolicy DEFAULT = new RestartPolicy(RestartBackoff.DEFAULT, 5, Duration.ofMinutes(5));

    CrashLoopGuard newGuard() {
        return new CrashLoopGuard(maxRestarts, window);
    }
}
