package app.goblina.launcher.cli;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Wall time per stage as the demo saw it: the time from first seeing a stage until first seeing the next one.
 * It complements the job timings of the API, which say how long jobs ran and waited but not how long the user
 * waited, polling included.
 */
final class StageClock {

    private final LongSupplier nanoTime;
    private final Map<String, Long> nanosByStage = new LinkedHashMap<>();
    private String current;
    private long since;

    StageClock() {
        this(System::nanoTime);
    }

    StageClock(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    /** Records that the work is now in {@code stage}; staying in the same stage changes nothing. */
    void enter(String stage) {
        if (stage == null || stage.equals(current)) {
            return;
        }
        long now = nanoTime.getAsLong();
        closeCurrent(now);
        current = stage;
        since = now;
    }

    /** Ends the stage in progress. */
    void stop() {
        closeCurrent(nanoTime.getAsLong());
        current = null;
    }

    /** Time spent per stage, in the order the stages were first seen; a stage seen twice adds up. */
    Map<String, Duration> durations() {
        Map<String, Duration> result = new LinkedHashMap<>();
        nanosByStage.forEach((stage, nanos) -> result.put(stage, Duration.ofNanos(nanos)));
        return Collections.unmodifiableMap(result);
    }

    private void closeCurrent(long now) {
        if (current != null) {
            nanosByStage.merge(current, now - since, Long::sum);
        }
    }
}
