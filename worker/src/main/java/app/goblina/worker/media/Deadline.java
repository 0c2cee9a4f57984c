package app.goblina.worker.media;

import app.goblina.failures.TransientFailure;
import java.time.Duration;

/**
 * The wall-clock limit of one assembly, checked between frames and packets.
 *
 * <p>Exceeding it is a {@link TransientFailure}: inputs are probed (and bad ones refused) before any work starts, so
 * an assembly that runs out of time was slowed down by its machine (CPU contention, a stalled disk) rather than made
 * impossible by its inputs, and a retry, later or on another worker, normally succeeds. The job's bounded retries cap
 * the cost when it does not.
 */
final class Deadline {

    private final Duration limit;
    private final long startNanos;

    Deadline(Duration limit) {
        this.limit = limit;
        this.startNanos = System.nanoTime();
    }

    /** @throws TransientFailure when the limit has passed */
    void check() {
        if (System.nanoTime() - startNanos > limit.toNanos()) {
            throw new TransientFailure("The assembly took longer than its limit of " + describe(limit)
                    + " and was stopped");
        }
    }

    private static String describe(Duration duration) {
        return duration.toMillis() < 10_000 ? duration.toMillis() + " ms" : duration.toSeconds() + " s";
    }
}
