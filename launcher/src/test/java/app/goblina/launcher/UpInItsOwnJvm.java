package app.goblina.launcher;

import app.goblina.testkit.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./goblina up} as the script runs it: the launcher's {@code Up} in a JVM of its own, started from the
 * repository's root with one worker, no dashboard, the given API port and key, and the given database. Its output
 * goes to {@code up.log} in the data folder. Closing it stops Up the way Ctrl-C does, and kills it if it has not
 * stopped within a minute.
 */
final class UpInItsOwnJvm implements AutoCloseable {

    static final Path REPO_ROOT = Path.of("..").toAbsolutePath().normalize();

    private final Process process;
    private final Path log;

    private UpInItsOwnJvm(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /**
     * Starts Up and returns once it has printed its welcome. {@code environment} is added to this JVM's; provider
     * choices of this JVM's environment ({@code GOBLINA_PROVIDERS_*}) are left out so that Up's defaults apply.
     */
    static UpInItsOwnJvm start(Path dataDir, int apiPort, String apiKey, TestDatabase database,
            Map<String, String> environment) throws Exception {
        Path log = dataDir.resolve("up.log");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "app.goblina.launcher.cli.Up")
                .directory(REPO_ROOT.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("GOBLINA_PROVIDERS_"));
        Map<String, String> settings = new HashMap<>(Map.of("GOBLINA_DATA_DIR", dataDir.toString(),
                "GOBLINA_API_PORT", String.valueOf(apiPort), "GOBLINA_DASHBOARD_PORT", "0", "GOBLINA_WORKERS", "1",
                "GOBLINA_API_KEY", apiKey, "DATABASE_URL", database.jdbcUrl(), "DATABASE_USER", database.username(),
                "DATABASE_PASSWORD", database.password()));
        settings.putAll(environment);
        builder.environment().putAll(settings);
        UpInItsOwnJvm up = new UpInItsOwnJvm(builder.start(), log);
        try {
            up.awaitUp();
        } catch (Exception | AssertionError failure) {
            up.close();
            throw failure;
        }
        return up;
    }

    /** What Up has printed so far. */
    String output() throws IOException {
        return Files.readString(log);
    }

    private void awaitUp() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("./goblina up ended with " + process.exitValue() + ":\n" + output());
            }
            if (output().contains("Ctrl-C stops everything")) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("./goblina up did not come up within 3 minutes:\n" + output());
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException interrupted) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
