package app.goblina.launcher.processes;

import java.util.concurrent.atomic.AtomicReference;

/**
 * Ctrl-C for a command that runs in the foreground ({@code up}, {@code demo}). The first press interrupts the
 * main thread, which then stops its platform in order (children, then database) and exits; all the stopping work
 * stays on one thread. A second press kills the children at once for the impatient.
 */
public final class StopRequests {

    private final Thread main;
    private final AtomicReference<Platform> platform = new AtomicReference<>();
    private volatile boolean requested;

    private StopRequests(Thread main) {
        this.main = main;
    }

    /** Starts handling stop signals on behalf of {@code main}. */
    public static StopRequests install(Thread main) {
        StopRequests requests = new StopRequests(main);
        StopSignals.install(requests::onSignal);
        return requests;
    }

    /** The platform that a second Ctrl-C should kill; {@code null} for none. */
    public void watch(Platform running) {
        platform.set(running);
    }

    /** Whether the user asked to stop. */
    public boolean requested() {
        return requested;
    }

    private void onSignal(int count) {
        if (count == 1) {
            requested = true;
            System.err.println();
            System.err.println(platform.get() == null
                    ? "Stopping..."
                    : "Stopping Goblina (up to " + Platform.STOP_GRACE.toSeconds()
                            + " s for running jobs; Ctrl-C again to kill the processes now)...");
            main.interrupt();
        } else {
            Platform running = platform.get();
            if (running != null) {
                System.err.println("Killing the API and workers now.");
                running.forceStop();
            }
            main.interrupt();
        }
    }
}
