package app.goblina.launcher.processes;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A PostgreSQL server run from the binaries packaged in a Maven dependency, so a fresh machine needs no database
 * install. Its data directory is kept between starts: projects, characters and jobs survive a restart.
 */
final class EmbeddedDatabase implements AutoCloseable {

    /** Not 5432, so it never clashes with a PostgreSQL installed on the machine. */
    static final int DEFAULT_PORT = 54329;
    static final String DATABASE = "goblina";
    static final String USER = "postgres";

    private final EmbeddedPostgres postgres;

    private EmbeddedDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /**
     * Starts the server and creates the {@value #DATABASE} database when it is missing.
     *
     * @param dataDir     the PostgreSQL data directory, created and initialised on first use
     * @param binariesDir where the packaged binaries are unpacked; inside the project rather than {@code /tmp},
     *                    which may be mounted noexec or cleaned while the server runs
     * @param logFile     where the server's output is appended
     */
    static EmbeddedDatabase start(Path dataDir, Path binariesDir, Path logFile, Consumer<String> progress)
            throws IOException {
        Files.createDirectories(binariesDir);
        Files.createDirectories(logFile.getParent());
        stopLeftoverServer(dataDir, binariesDir, progress);
        int port = Readiness.isFree(DEFAULT_PORT) ? DEFAULT_PORT : Readiness.anyFreePort();
        if (port != DEFAULT_PORT) {
            progress.accept("Port " + DEFAULT_PORT + " is busy; the embedded PostgreSQL uses " + port + " instead");
        }
        Files.writeString(logFile, "%n%s%s starting postgres%n".formatted(LogTail.START_MARKER, Instant.now()),
                StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        ProcessBuilder.Redirect log = ProcessBuilder.Redirect.appendTo(logFile.toFile());
        EmbeddedPostgres postgres;
        try {
            postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .setOverrideWorkingDirectory(binariesDir.toFile())
                    .setOutputRedirector(log)
                    .setErrorRedirector(log)
                    // Recovery after a crash can take a while on a slow disk; the default 10 s is tight.
                    .setPGStartupWait(Duration.ofSeconds(30))
                    .start();
        } catch (IOException | RuntimeException e) {
            // The library's message rarely says why; PostgreSQL's own output does.
            throw new PlatformStartException("PostgreSQL did not start: " + e.getMessage() + "\n"
                    + LogTail.describe(logFile, 20), e);
        }
        EmbeddedDatabase database = new EmbeddedDatabase(postgres);
        try {
            database.createDatabaseIfMissing();
        } catch (SQLException e) {
            database.close();
            throw new IOException("Could not create the database " + DATABASE + ": " + e.getMessage(), e);
        }
        return database;
    }

    /** The JDBC URL of the {@value #DATABASE} database; the user is {@value #USER} with no password. */
    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/" + DATABASE;
    }

    int port() {
        return postgres.getPort();
    }

    private void createDatabaseIfMissing() throws SQLException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection()) {
            try (PreparedStatement exists = connection.prepareStatement(
                    "SELECT 1 FROM pg_database WHERE datname = ?")) {
                exists.setString(1, DATABASE);
                try (ResultSet rows = exists.executeQuery()) {
                    if (rows.next()) {
                        return;
                    }
                }
            }
            try (Statement create = connection.createStatement()) {
                create.execute("CREATE DATABASE " + DATABASE);
            }
        }
    }

    /**
     * A launcher killed with SIGKILL leaves its PostgreSQL running (the server runs in its own session), holding
     * the data directory. Stop it, but only when the pid file names one of our own unpacked binaries.
     */
    private static void stopLeftoverServer(Path dataDir, Path binariesDir, Consumer<String> progress) {
        Path pidFile = dataDir.resolve("postmaster.pid");
        Optional<ProcessHandle> server = readFirstLine(pidFile)
                .flatMap(EmbeddedDatabase::parsePid)
                .flatMap(ProcessHandle::of)
                .filter(handle -> handle.info().command()
                        .map(command -> Path.of(command).startsWith(binariesDir.toAbsolutePath()))
                        .orElse(false));
        if (server.isEmpty()) {
            return;
        }
        ProcessHandle handle = server.get();
        progress.accept("Stopping PostgreSQL (pid " + handle.pid() + ") left running by an earlier start");
        // SIGTERM is PostgreSQL's "smart" shutdown: it finishes cleanly once its clients, already stopped, are gone.
        handle.destroy();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (handle.isAlive() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        if (handle.isAlive()) {
            throw new PlatformStartException("PostgreSQL (pid " + handle.pid() + ") from an earlier start does not "
                    + "stop; stop it by hand (kill " + handle.pid() + ") and try again.");
        }
    }

    private static Optional<String> readFirstLine(Path file) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            return lines.isEmpty() ? Optional.empty() : Optional.of(lines.get(0).strip());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Optional<Long> parsePid(String text) {
        try {
            return Optional.of(Long.parseLong(text));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Stops the server (a fast shutdown: open sessions are ended, data is flushed). */
    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            System.err.println("Could not stop the embedded PostgreSQL cleanly: " + e.getMessage());
        }
    }
}
