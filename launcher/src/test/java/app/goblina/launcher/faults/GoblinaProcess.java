package app.goblina.launcher.faults;

import app.goblina.launcher.processes.ModuleLaunch;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One JVM of the platform (the API or a worker) that this run started from the built jars, with its output
 * appended to one log across its incarnations. The run may kill it (SIGKILL, as a crashed machine) and start it
 * again with the same environment. Only the {@link Process} this object started is ever signalled.
 */
final class GoblinaProcess {

    /** The worker logs this once its JobRunr server is polling for jobs. */
    static final String WORKER_STARTED = "Background job server";

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private final String name;
    private final ModuleLaunch module;
    private final List<String> jvmOptions;
    private final Map<String, String> environment;
    private final Path workingDirectory;
    private final Path logFile;
    private final URI health;
    private final boolean worker;
    private Process process;
    private long logOffset;
    private int incarnation;
    private Instant startedAt;

    GoblinaProcess(String name, ModuleLaunch module, List<String> jvmOptions, Map<String, String> environment,
            Path workingDirectory, Path logFile, URI health, boolean worker) {
        this.name = name;
        this.module = module;
        this.jvmOptions = List.copyOf(jvmOptions);
        this.environment = Map.copyOf(environment);
        this.workingDirectory = workingDirectory;
        this.logFile = logFile;
        this.health = health;
        this.worker = worker;
    }

    String name() {
        return name;
    }

    Path logFile() {
        return logFile;
    }

    int incarnation() {
        return incarnation;
    }

    Instant startedAt() {
        return startedAt;
    }

    /** Starts a new incarnation; the previous one must be gone. */
    synchronized void start() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException(name + " (pid " + process.pid() + ") is still running");
        }
        try {
            Files.createDirectories(logFile.getParent());
            incarnation++;
            Files.writeString(logFile, "%n=== %s start %d of %s%n".formatted(Instant.now(), incarnation, name),
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            logOffset = Files.size(logFile);
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            ProcessBuilder builder = new ProcessBuilder(module.command(java, jvmOptions))
                    .directory(workingDirectory.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
            Map<String, String> env = builder.environment();
            // Nothing of the caller's environment may choose a provider, a database or a Redis for the platform.
            for (String inherited : new HashMap<>(env).keySet()) {
                if (inherited.startsWith("GOBLINA_") || inherited.startsWith("DATABASE_")
                        || inherited.startsWith("DATASOURCES_") || inherited.endsWith("_API_KEY")
                        || inherited.endsWith("_API_TOKEN") || inherited.equals("REDIS_URL")
                        || inherited.startsWith("MICRONAUT_") || inherited.endsWith("_WEBHOOK_SECRET")) {
                    env.remove(inherited);
                }
            }
            env.putAll(environment);
            process = builder.start();
            process.getOutputStream().close();
            startedAt = Instant.now();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + name, e);
        }
    }

    synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    synchronized long pid() {
        return process == null ? -1 : process.pid();
    }

    /** The exit code of the last incarnation, or null while it runs or before the first. */
    synchronized Integer exitCode() {
        return process == null || process.isAlive() ? null : process.exitValue();
    }

    /** SIGKILL to this incarnation's pid, then waits (a few seconds at most) until the kernel has reaped it. */
    synchronized void kill() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** SIGTERM, which lets Micronaut and JobRunr shut down in order. */
    synchronized void terminate() {
        if (process != null && process.isAlive()) {
            process.destroy();
        }
    }

    /** Waits at most {@code wait} for this incarnation to exit. */
    void awaitExit(Duration wait) {
        Process current;
        synchronized (this) {
            current = process;
        }
        if (current == null || wait.isNegative()) {
            return;
        }
        try {
            current.waitFor(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Whether this incarnation is ready: the API answers {@code /health} with 200; a worker answers its own
     * {@code /health} with 200 or, while no health endpoint answers at all, has logged that its job server started.
     */
    boolean isReady() {
        if (!isAlive()) {
            return false;
        }
        int status = status(health);
        if (!worker || status >= 0) {
            return status == 200;
        }
        return logSinceStart().contains(WORKER_STARTED);
    }

    /** What this incarnation wrote to the log so far (at most the last 4 MB of it). */
    String logSinceStart() {
        try (RandomAccessFile file = new RandomAccessFile(logFile.toFile(), "r")) {
            long from = Math.max(logOffset, file.length() - 4_000_000);
            byte[] bytes = new byte[(int) Math.max(0, file.length() - from)];
            file.seek(from);
            file.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** The last {@code lines} lines of the log, for failure messages. */
    String logTail(int lines) {
        try {
            Deque<String> tail = new ArrayDeque<>();
            for (String line : Files.readAllLines(logFile, StandardCharsets.UTF_8)) {
                tail.addLast(line);
                if (tail.size() > lines) {
                    tail.removeFirst();
                }
            }
            return String.join("\n", tail);
        } catch (IOException | UncheckedIOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    private static int status(URI url) {
        try {
            HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(2)).GET().build();
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    @Override
    public String toString() {
        return name + (process == null ? "" : " (pid " + process.pid() + ", start " + incarnation + ")");
    }
}
