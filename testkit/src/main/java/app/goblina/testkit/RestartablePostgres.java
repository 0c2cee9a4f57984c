package app.goblina.testkit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A PostgreSQL server of the test's own (zonky's embedded binaries) that the test may stop and start again: on the
 * same port and the same data directory, so clients that knew it find it, rows included, once it is back. Never
 * the machine's shared server.
 */
public final class RestartablePostgres implements AutoCloseable {

    private final Path dataDir;
    private final int port;
    private EmbeddedPostgres running;

    private RestartablePostgres(Path dataDir, int port) {
        this.dataDir = dataDir;
        this.port = port;
    }

    /** A new server on a free port with an empty data directory, running when this returns. */
    public static RestartablePostgres startNew() throws IOException {
        RestartablePostgres server = new RestartablePostgres(Files.createTempDirectory("goblina-outage-pg"), FreePort.pick());
        server.start();
        return server;
    }

    /** The server's {@code postgres} database, user {@code postgres} without a password. */
    public TestDatabase database() {
        return new TestDatabase("jdbc:postgresql://127.0.0.1:" + port + "/postgres", "postgres", "");
    }

    /** Starts the server again after {@link #stop()}; blocks until it accepts connections. */
    public synchronized void start() throws IOException {
        if (running != null) {
            return;
        }
        running = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setPort(port)
                .setPGStartupWait(Duration.ofSeconds(60))
                .start();
    }

    /** Stops the server (PostgreSQL's fast shutdown: open sessions are ended); the data stays. */
    public synchronized void stop() throws IOException {
        if (running == null) {
            return;
        }
        try {
            running.close();
        } finally {
            running = null;
        }
    }

    @Override
    public void close() throws IOException {
        stop();
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(RestartablePostgres::delete);
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
