package app.goblina.launcher.processes;

import app.goblina.launcher.Display;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Keeps one child of the platform (the API or a worker) running. Once {@link #supervise() supervised}, a child
 * that dies for any reason (it exits, runs out of memory, is killed with SIGKILL) is started again after its
 * {@link RestartBackoff}, each restart announced on the console and in the child's own log. A child in a crash
 * loop (see {@link CrashLoopGuard}) is given up on instead, and reported, so the platform can stop.
 *
 * <p>Thread-safe: exits arrive on the JDK's process-reaper threads, restarts run on the platform's timer, and
 * {@link #stopRestarts()} comes from whoever closes the platform. After {@code stopRestarts()} returns no new
 * process is started and {@link #current()} stays what it is.
 */
final class ChildSupervisor {

    /** Starts a new process of this child; each call is a fresh start with the same command. */
    @FunctionalInterface
    interface Launch {
        ChildProcess start() throws IOException;
    }

    private final String name;
    private final Launch launch;
    private final RestartBackoff backoff;
    private final CrashLoopGuard crashLoop;
    private final ScheduledExecutorService timer;
    private final Consumer<String> console;
    private final Consumer<ChildExit> givingUp;

    private ChildProcess current;
    private Instant startedAt;
    private int restartsInARow;
    private boolean supervising;
    private boolean stopped;
    private ScheduledFuture<?> pendingRestart;

    private ChildSupervisor(String name, Launch launch, RestartPolicy policy, ScheduledExecutorService timer,
                            Consumer<String> console, Consumer<ChildExit> givingUp) {
        this.name = name;
        this.launch = launch;
        this.backoff = policy.backoff();
        this.crashLoop = policy.newGuard();
        this.timer = timer;
        this.console = console;
        this.givingUp = givingUp;
    }

    /**
     * Starts the child's first process. Its death is not acted on until {@link #supervise()}: while the platform
     * starts, a child that dies fails the start instead.
     *
     * @param console  where restarts are announced, one line each
     * @param givingUp told, once, when the child is in a crash loop and is not restarted again
     */
    static ChildSupervisor start(String name, Launch launch, RestartPolicy policy, ScheduledExecutorService timer,
                                 Consumer<String> console, Consumer<ChildExit> givingUp) throws IOException {
        ChildSupervisor supervisor = new ChildSupervisor(name, launch, policy, timer, console, givingUp);
        synchronized (supervisor) {
            supervisor.launchNow();
        }
        return supervisor;
    }

    /** The child's process now: the running one, the one that died while its restart waits, or the last one. */
    synchronized ChildProcess current() {
        return current;
    }

    /** From now on a death of the child restarts it, or gives up on it in a crash loop. */
    synchronized void supervise() {
        supervising = true;
        if (!current.isAlive()) {
            exited(current);
        }
    }

    /** No more restarts: a pending one is cancelled, and a death from now on is left alone. */
    synchronized void stopRestarts() {
        stopped = true;
        if (pendingRestart != null) {
            pendingRestart.cancel(false);
        }
    }

    private void launchNow() throws IOException {
        ChildProcess child = launch.start();
        current = child;
        startedAt = Instant.now();
        pendingRestart = null;
        child.onExit().thenRun(() -> exited(child));
    }

    private synchronized void exited(ChildProcess child) {
        if (stopped || !supervising || child != current || pendingRestart != null) {
            return;
        }
        Instant now = Instant.now();
        Duration uptime = Duration.between(startedAt, now);
        String death = name + " exited with code " + child.exitCode() + describeSignal(child.exitCode())
                + " after " + Display.span(uptime);
        if (backoff.wasStable(uptime)) {
            restartsInARow = 0;
        }
        if (!crashLoop.allowRestart(now)) {
            stopped = true;
            String line = death + "; it was restarted " + crashLoop.recentRestarts() + " times within "
                    + Display.span(crashLoopWindow()) + ", so it is not restarted again";
            child.note(line);
            givingUp.accept(new ChildExit(name, child.exitCode(), crashLoop.recentRestarts(), crashLoopWindow(),
                    child.logFile()));
            return;
        }
        restartsInARow++;
        Duration delay = backoff.delayBefore(restartsInARow);
        String line = death + "; restarting it in " + Display.span(delay);
        console.accept(line);
        child.note(line);
        pendingRestart = timer.schedule(this::restart, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private synchronized void restart() {
        if (stopped) {
            return;
        }
        ChildProcess dead = current;
        try {
            launchNow();
            console.accept(name + " restarted (pid " + current.pid() + ")");
        } catch (IOException | RuntimeException e) {
            stopped = true;
            String line = name + " could not be restarted: " + e.getMessage();
            console.accept(line);
            dead.note(line);
            givingUp.accept(new ChildExit(name, dead.exitCode(), crashLoop.recentRestarts(), crashLoopWindow(),
                    dead.logFile()));
        }
    }

    private Duration crashLoopWindow() {
        return crashLoop.window();
    }

    /** {@code 137} is how a process killed by signal 9 reports; say so, it is easy to misread as the child's own. */
    private static String describeSignal(int exitCode) {
        return exitCode > 128 && exitCode < 128 + 65 ? " (signal " + (exitCode - 128) + ")" : "";
    }
}
