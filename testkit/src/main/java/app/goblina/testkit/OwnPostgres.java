package app.goblina.testkit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A PostgreSQL server that belongs to one test, which may stop it and start it again: on the same port, from the
 * same data directory, so what was committed before the stop is there after it. For fault tests that take the
 * database away from running processes; never the shared server of {@link TestPostgres}.
 *
 * <p>It runs zonky's embedded PostgreSQL 17 binaries, unpacked into {@code binariesDir}. As root, zonky runs the
 * server as {@code nobody} in a user namespace (see {@link EmbeddedPostgresServer}). The user is
 * {@value #USER}, without a password. Not thread-safe: one test drives it.
 */
public final class OwnPostgres implements AutoCloseable {

    public static final String USER = "postgres";

    private final Path dataDir;
    private final Path binariesDir;
    private final Path logFile;
    private final int port;
    private EmbeddedPostgres server;

    private OwnPostgres(Path dataDir, Path binariesDir, Path logFile, int port) {
        this.dataDir = dataDir;
        this.binariesDir = binariesDir;
        this.logFile = logFile;
        this.port = port;
    }

    /**
     * Initialises {@code dataDir} when it is empty and starts the server on a free loopback port.
     *
     * @param logFile where the server's output is appended
     */
    public static OwnPostgres startOnFreePort(Path dataDir, Path binariesDir, Path logFile) {
        OwnPostgres postgres = new OwnPostgres(dataDir, binariesDir, logFile, FreePort.pick());
        postgres.start();
        return postgres;
    }

    /** Starts the server again (or the first time), on the same port and data directory. Blocks until it accepts. */
    public void start() {
        if (server != null) {
            throw new IllegalStateException("PostgreSQL on port " + port + " is already running");
        }
        try {
            Files.createDirectories(binariesDir);
            Files.createDirectories(logFile.getParent());
            Files.writeString(logFile, "%n--- %s starting postgres on port %d%n".formatted(Instant.now(), port),
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            ProcessBuilder.Redirect log = ProcessBuilder.Redirect.appendTo(logFile.toFile());
            server = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .setOverrideWorkingDirectory(binariesDir.toFile())
                    .setOutputRedirector(log)
                    .setErrorRedirector(log)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not start on port " + port + " (log: " + logFile + ")", e);
        }
    }

    /** Stops the server (a fast shutdown: sessions are ended, data is flushed and kept). */
    public void stop() {
        if (server == null) {
            return;
        }
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL on port " + port + " did not stop cleanly", e);
        } finally {
            server = null;
        }
    }

    public boolean isRunning() {
        return server != null;
    }

    public int port() {
        return port;
    }

    /** The postmaster's process id while it runs, from its pid file. */
    public Optional<Long> pid() {
        try {
            List<String> lines = Files.readAllLines(dataDir.resolve("postmaster.pid"), StandardCharsets.UTF_8);
            return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.getFirst().strip()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** {@code jdbc:postgresql://127.0.0.1:<port>/<database>}. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** Creates {@code database} unless it exists. */
    public void createDatabase(String database) {
        if (!database.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("not a plain database name: " + database);
        }
        try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), USER, "");
                Statement statement = connection.createStatement()) {
            try (var rows = statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + database + "'")) {
                if (rows.next()) {
                    return;
                }
            }
            statement.execute("CREATE DATABASE " + database);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create database " + database + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        stop();
    }
}
