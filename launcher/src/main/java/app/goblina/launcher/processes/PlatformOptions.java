package app.goblina.launcher.processes;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * What a {@link Platform} is started with.
 *
 * @param repoRoot      the repository root; the API and worker are started from the jars and {@code classpath.txt}
 *                      files that the build leaves under {@code <module>/target}
 * @param dataDir       where everything the platform keeps lives: {@code postgres/}, {@code blobs/}, {@code logs/}
 * @param jdbcUrl       the database to use; {@code null} starts an embedded PostgreSQL with its data in
 *                      {@code dataDir/postgres}
 * @param dbUser        the database user for {@code jdbcUrl}; ignored for the embedded database
 * @param dbPassword    the database password for {@code jdbcUrl}; ignored for the embedded database
 * @param apiPort       the port the API listens on
 * @param workerCount   how many worker processes to run, at least one
 * @param dashboardPort the port of the JobRunr dashboard served by worker 1; {@code 0} for no dashboard
 * @param apiKey        the development API key; the API makes sure a tenant with this key exists
 * @param extraEnv      more environment variables for every child process; they win over the launcher's own
 */
public record PlatformOptions(
        Path repoRoot,
        Path dataDir,
        String jdbcUrl,
        String dbUser,
        String dbPassword,
        int apiPort,
        int workerCount,
        int dashboardPort,
        String apiKey,
        Map<String, String> extraEnv) {

    public PlatformOptions {
        Objects.requireNonNull(repoRoot, "repoRoot");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(apiKey, "apiKey");
        // Children run with other working directories in mind; absolute paths keep env values unambiguous.
        repoRoot = repoRoot.toAbsolutePath().normalize();
        dataDir = dataDir.toAbsolutePath().normalize();
        if (apiKey.isBlank()) {
            throw new IllegalArgumentException("apiKey must not be blank");
        }
        if (workerCount < 1) {
            throw new IllegalArgumentException("workerCount must be at least 1, got " + workerCount);
        }
        requirePort("apiPort", apiPort, false);
        requirePort("dashboardPort", dashboardPort, true);
        if (dashboardPort != 0 && dashboardPort == apiPort) {
            throw new IllegalArgumentException("apiPort and dashboardPort must differ, both are " + apiPort);
        }
        extraEnv = extraEnv == null ? Map.of() : Map.copyOf(extraEnv);
    }

    /** Whether the platform starts and owns its own PostgreSQL. */
    public boolean embeddedDatabase() {
        return jdbcUrl == null;
    }

    private static void requirePort(String name, int port, boolean zeroAllowed) {
        if ((port == 0 && !zeroAllowed) || port < 0 || port > 65_535) {
            throw new IllegalArgumentException(name + " must be a port number (1-65535), got " + port);
        }
    }
}
