package app.goblina.launcher.processes;

import app.goblina.launcher.Display;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The whole of Goblina on one machine: PostgreSQL (embedded unless a JDBC URL is given), the API and the
 * workers, each in its own JVM as in production. Used by {@code ./goblina up}, {@code ./goblina demo} and the
 * end-to-end test. Once it is up, an API or worker that dies is restarted (see {@link ChildSupervisor}); only one
 * in a crash loop ends {@link #awaitCrashLoop()}. Their command lines and environments come from {@link ChildSetup}.
 *
 * <p>Everything it keeps lives in the data directory: {@code postgres/} (the database), {@code blobs/} (object
 * storage), {@code logs/} (one log per process, appended to across starts), {@code work/} (the workers' scratch
 * space) and {@code run/} (pid files).
 */
public final class Platform implements AutoCloseable {

    static final String API_MAIN = "app.goblina.api.ApiApplication";
    static final String WORKER_MAIN = "app.goblina.worker.WorkerApplication";

    /** Long enough for a cold JVM, Flyway migrations and the first JavaCPP unpack on a slow machine. */
    static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
    /** How long children get to finish their work after SIGTERM before they are killed. */
    static final Duration STOP_GRACE = Duration.ofSeconds(20);

    private static final int LOG_TAIL_LINES = 40;

    private final PlatformOptions options;
    private final Consumer<String> progress;
    private final Path logsDir;
    private final LeftoverProcesses leftovers;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final RestartPolicy restartPolicy;
    /** Runs the restarts the supervisors schedule; daemon, so it never keeps the JVM alive. */
    private final ScheduledExecutorService restartTimer = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "goblina-restarts");
        thread.setDaemon(true);
        return thread;
    });
    /** Copy-on-write: a second Ctrl-C reads it from the signal's thread while the start may still add to it. */
    private final List<ChildSupervisor> children = new CopyOnWriteArrayList<>();
    private final List<Integer> workerHttpPorts = new CopyOnWriteArrayList<>();
    /** Completed with the first child given up on in a crash loop, or with empty once {@link #close()} starts. */
    private final CompletableFuture<Optional<ChildExit>> outcome = new CompletableFuture<>();
    private final Thread shutdownHook = new Thread(this::close, "goblina-platform-stop");

    private DataDirLock lock;
    private EmbeddedDatabase database;
    private String jdbcUrl;
    private volatile boolean stopping;
    private boolean closed;

    private Platform(PlatformOptions options, Consumer<String> progress, RestartPolicy restartPolicy) {
        this.options = options;
        this.progress = progress;
        this.restartPolicy = restartPolicy;
        this.logsDir = options.dataDir().resolve("logs");
        this.leftovers = new LeftoverProcesses(options.dataDir().resolve("run"),
                ChildSetup.dataDirMarker(options));
    }

    /**
     * Starts PostgreSQL when needed, the API and the workers, and returns once the API answers {@code /health}
     * (and the dashboard, if asked for, accepts connections).
     *
     * @throws PlatformStartException when something does not come up; whatever was started is stopped again
     */
    public static Platform start(PlatformOptions options) {
        return start(options, message -> { });
    }

    /**
     * As {@link #start(PlatformOptions)}, telling {@code progress} what it is doing, one short line at a time; once
     * up, it tells each restart of a child there too.
     */
    public static Platform start(PlatformOptions options, Consumer<String> progress) {
        return start(options, progress, RestartPolicy.DEFAULT);
    }

    /** As {@link #start(PlatformOptions, Consumer)}, restarting children that die by {@code restartPolicy}. */
    static Platform start(PlatformOptions options, Consumer<String> progress, RestartPolicy restartPolicy) {
        Platform platform = new Platform(options, progress, restartPolicy);
        // Registered before anything starts, so a JVM exit in the middle of starting still stops what runs.
        Runtime.getRuntime().addShutdownHook(platform.shutdownHook);
        try {
            platform.boot();
            return platform;
        } catch (InterruptedException e) {
            platform.close();
            Thread.currentThread().interrupt();
            throw new PlatformStartException("Start interrupted; everything started so far was stopped.", e);
        } catch (PlatformStartException e) {
            platform.close();
            throw e;
        } catch (IOException | RuntimeException e) {
            platform.close();
            throw new PlatformStartException("Could not start Goblina: " + e, e);
        }
    }

    private void boot() throws IOException, InterruptedException {
        Path dataDir = options.dataDir();
        Files.createDirectories(dataDir);
        Files.createDirectories(logsDir);
        Files.createDirectories(blobsDir());
        lock = DataDirLock.acquire(dataDir);
        leftovers.stopAll(STOP_GRACE, progress);

        // Checked before the database starts, so a missing build or a busy port fails in a second, not in ten.
        ModuleLaunch api = ModuleLaunch.locate(options.repoRoot(), "api", API_MAIN);
        ModuleLaunch worker = ModuleLaunch.locate(options.repoRoot(), "worker", WORKER_MAIN);
        requireFree(options.apiPort(), "the API", "GOBLINA_API_PORT");
        if (options.dashboardPort() != 0) {
            requireFree(options.dashboardPort(), "the dashboard", "GOBLINA_DASHBOARD_PORT");
        }

        if (options.embeddedDatabase()) {
            progress.accept("Starting PostgreSQL (data in " + Display.path(dataDir.resolve("postgres")) + ")");
            database = EmbeddedDatabase.start(dataDir.resolve("postgres"),
                    options.repoRoot().resolve(".cache").resolve("embedded-pg"),
                    logsDir.resolve("postgres.log"), progress);
            jdbcUrl = database.jdbcUrl();
        } else {
            jdbcUrl = options.jdbcUrl();
        }

        progress.accept("Starting the API and " + options.workerCount() + " worker"
                + (options.workerCount() == 1 ? "" : "s") + " (logs in " + Display.path(logsDir) + ")");
        ChildSetup setup = new ChildSetup(options, jdbcUrl, blobsDir());
        startChild("api", setup.command(api, "512m"), setup.apiEnvironment());
        for (int n = 1; n <= options.workerCount(); n++) {
            int httpPort = freePort();
            workerHttpPorts.add(httpPort);
            startChild("worker-" + n, setup.command(worker, "1g"), setup.workerEnvironment(n, httpPort));
        }

        ChildProcess apiProcess = children.get(0).current();
        URI health = apiUrl().resolve("/health");
        progress.accept("Waiting for the API to answer " + health);
        AtomicInteger lastStatus = new AtomicInteger(-1);
        awaitReady(() -> {
            lastStatus.set(Readiness.status(http, health));
            return lastStatus.get() == 200;
        }, () -> "The API did not answer GET " + health + " with 200 within " + READY_TIMEOUT.toSeconds() + " s ("
                + (lastStatus.get() < 0 ? "nothing answered" : "its last answer was " + lastStatus.get()) + ").",
                apiProcess);
        if (options.dashboardPort() != 0) {
            awaitReady(() -> Readiness.acceptsConnections(options.dashboardPort()),
                    () -> "The dashboard did not open port " + options.dashboardPort() + " within "
                            + READY_TIMEOUT.toSeconds() + " s.", children.get(1).current());
        }
        watchChildren();
    }

    private static void requireFree(int port, String what, String variable) {
        if (!Readiness.isFree(port)) {
            throw new PlatformStartException("Port " + port + " for " + what + " is already in use. Stop whatever "
                    + "listens there, or choose another port (./goblina reads " + variable + ").");
        }
    }

    private void startChild(String name, List<String> command, Map<String, String> environment)
            throws IOException {
        Path logFile = logsDir.resolve(name + ".log");
        children.add(ChildSupervisor.start(name, () -> {
            ChildProcess child = ChildProcess.start(name, command, environment, ChildSetup.NOT_INHERITED, options.repoRoot(),
                    logFile);
            // Each start, restarts included, so a later start finds the process that runs now.
            try {
                leftovers.remember(name, child.pid());
            } catch (IOException e) {
                child.kill();
                throw e;
            }
            return child;
        }, restartPolicy, restartTimer, progress, this::gaveUp));
    }

    private void gaveUp(ChildExit exit) {
        if (!stopping) {
            outcome.complete(Optional.of(exit));
        }
    }

    private static int freePort() {
        try {
            return Readiness.anyFreePort();
        } catch (IOException e) {
            throw new PlatformStartException("No free port for a worker's health endpoint: " + e.getMessage(), e);
        }
    }

    /** Polls until {@code ready}; fails fast when a child dies, and with {@code owner}'s log tail on timeout. */
    private void awaitReady(BooleanSupplier ready, Supplier<String> timeoutMessage, ChildProcess owner)
            throws InterruptedException {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (true) {
            for (ChildSupervisor supervisor : children) {
                ChildProcess child = supervisor.current();
                if (!child.isAlive()) {
                    throw new PlatformStartException(child.name() + " exited with code " + child.exitCode()
                            + " while Goblina was starting.\n" + LogTail.describe(child.logFile(), LOG_TAIL_LINES));
                }
            }
            if (ready.getAsBoolean()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new PlatformStartException(timeoutMessage.get() + "\n"
                        + LogTail.describe(owner.logFile(), LOG_TAIL_LINES));
            }
            Thread.sleep(250);
        }
    }

    /** From now on a child that dies is restarted, and one in a crash loop completes {@link #awaitCrashLoop()}. */
    private void watchChildren() {
        for (ChildSupervisor supervisor : children) {
            supervisor.supervise();
        }
    }

    /**
     * Blocks until a child keeps dying and is not restarted again (returned), or {@link #close()} is called (empty).
     * A child that dies now and then is restarted and does not end the wait.
     *
     * @throws InterruptedException when the waiting thread is interrupted
     */
    public Optional<ChildExit> awaitCrashLoop() throws InterruptedException {
        try {
            return outcome.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /** The process id of the API as it runs now (a restart gives it another), to read its memory from the OS. */
    public long apiPid() {
        return children.get(0).current().pid();
    }

    /** Where the API listens, e.g. {@code http://localhost:8080}. */
    public URI apiUrl() {
        return URI.create("http://localhost:" + options.apiPort());
    }

    /** Each worker's own HTTP address (GET /health, GET /prometheus), in worker order. */
    public List<URI> workerUrls() {
        return workerHttpPorts.stream().map(port -> URI.create("http://127.0.0.1:" + port + "/")).toList();
    }

    /** Where the JobRunr dashboard is, or {@code null} when none was asked for. */
    public URI dashboardUrl() {
        return options.dashboardPort() == 0 ? null : URI.create("http://localhost:" + options.dashboardPort());
    }

    /** The development API key the API accepts. */
    public String apiKey() {
        return options.apiKey();
    }

    /** The JDBC URL the children use. */
    public String jdbcUrl() {
        return jdbcUrl;
    }

    /** The folder of the per-process logs. */
    public Path logsDir() {
        return logsDir;
    }

    /** The folder the local object storage writes to. */
    public Path blobsDir() {
        return options.dataDir().resolve("blobs");
    }

    /** Whether the platform runs its own embedded PostgreSQL. */
    public boolean usesEmbeddedDatabase() {
        return database != null;
    }

    /**
     * Kills the children at once (SIGKILL), for an impatient second Ctrl-C while {@link #close()} waits for them.
     * {@code close()} still stops the database afterwards.
     */
    public void forceStop() {
        stopping = true;
        for (ChildSupervisor supervisor : children) {
            supervisor.stopRestarts();
            supervisor.current().kill();
        }
    }

    /**
     * Stops the children (SIGTERM, then SIGKILL for those still running after 20 s), then the embedded
     * PostgreSQL. Data is kept. Safe to call more than once and from several threads; a second caller waits
     * until the first one is done.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        stopping = true;
        outcome.complete(Optional.empty());
        // Before any child is asked to stop, so that none of them is restarted while the others stop.
        for (ChildSupervisor supervisor : children) {
            supervisor.stopRestarts();
        }
        restartTimer.shutdownNow();
        stopChildren();
        if (database != null) {
            database.close();
        }
        // Without the lock the data directory, pid files included, belongs to another platform: leave it alone.
        if (lock != null) {
            leftovers.forgetAll();
            lock.close();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // Already shutting down (this may be the hook itself): nothing to remove.
        }
    }

    private void stopChildren() {
        List<ChildProcess> processes = children.stream().map(ChildSupervisor::current).toList();
        for (ChildProcess child : processes) {
            child.terminate();
        }
        long deadline = System.nanoTime() + STOP_GRACE.toNanos();
        for (ChildProcess child : processes) {
            try {
                long left = deadline - System.nanoTime();
                if (left > 0) {
                    child.onExit().get(left, TimeUnit.NANOSECONDS);
                }
            } catch (InterruptedException e) {
                // Keep going: the children must not outlive the launcher. Restore the flag for the caller.
                Thread.currentThread().interrupt();
                break;
            } catch (ExecutionException | TimeoutException e) {
                // Killed below.
            }
        }
        for (ChildProcess child : processes) {
            if (child.isAlive()) {
                System.err.println(child.name() + " did not stop within " + STOP_GRACE.toSeconds()
                        + " s; killing it.");
                child.kill();
            }
        }
        for (ChildProcess child : processes) {
            try {
                child.onExit().get(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (ExecutionException | TimeoutException e) {
                // SIGKILL cannot be refused; the kernel reaps it shortly.
            }
        }
    }
}
