package app.goblina.testkit.fakes.video;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Moves a fake's {@link ManualClock} along with real time, for runs of the real system where no test steps the
 * clock: renders finish, links expire and webhooks fire as they would at the provider. It calls the fake's own
 * {@code advance} (for example {@code FakeReplicateServer::advance}) every {@code tick} with the real time passed
 * since the last call. Stops on {@link #close()}.
 */
public final class WallClockDriver implements AutoCloseable {

    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "fake-wall-clock");
        thread.setDaemon(true);
        return thread;
    });
    private long last = System.nanoTime();

    private WallClockDriver(Consumer<Duration> advance, Duration tick) {
        ticker.scheduleAtFixedRate(() -> {
            long now = System.nanoTime();
            Duration passed = Duration.ofNanos(now - last);
            last = now;
            try {
                advance.accept(passed);
            } catch (RuntimeException e) {
                // a failing webhook delivery must not stop the clock
            }
        }, tick.toMillis(), tick.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Starts moving the clock through {@code advance}, every {@code tick}. */
    public static WallClockDriver start(Consumer<Duration> advance, Duration tick) {
        return new WallClockDriver(advance, tick);
    }

    @Override
    public void close() {
        ticker.shutdownNow();
    }
}
