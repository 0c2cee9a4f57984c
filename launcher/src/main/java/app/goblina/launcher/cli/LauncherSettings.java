package app.goblina.launcher.cli;

import app.goblina.launcher.processes.PlatformOptions;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * What {@code ./goblina up} and {@code ./goblina demo} run with: defaults, overridden by environment variables.
 *
 * <ul>
 *   <li>{@code GOBLINA_API_PORT} (8080), {@code GOBLINA_DASHBOARD_PORT} (8000, 0 for none),
 *       {@code GOBLINA_WORKERS} (2)</li>
 *   <li>{@code GOBLINA_DATA_DIR} ({@code ./data})</li>
 *   <li>{@code DATABASE_URL}, {@code DATABASE_USER}, {@code DATABASE_PASSWORD}: use this PostgreSQL instead of
 *       the embedded one (the same variables the API and workers read)</li>
 *   <li>{@code GOBLINA_STORAGE_KIND} ({@code local}, a folder in the data directory, or {@code s3}) and, for
 *       {@code s3}, the other {@code GOBLINA_STORAGE_*} variables, handed to the API and every worker as given</li>
 * </ul>
 *
 * @param repoRoot      the repository root (the current directory)
 * @param dataDir       the data directory
 * @param apiPort       the API port
 * @param dashboardPort the dashboard port, 0 for none
 * @param workers       the number of worker processes
 * @param jdbcUrl       an external database, or {@code null} for the embedded one
 * @param dbUser        the external database's user
 * @param dbPassword    the external database's password
 * @param storage       the {@code GOBLINA_STORAGE_*} variables for S3 storage, empty for the local folder
 */
record LauncherSettings(Path repoRoot, Path dataDir, int apiPort, int dashboardPort, int workers, String jdbcUrl,
                        String dbUser, String dbPassword, Map<String, String> storage) {

    static final String STORAGE_KIND = "GOBLINA_STORAGE_KIND";
    private static final String STORAGE_PREFIX = "GOBLINA_STORAGE_";

    LauncherSettings {
        storage = Map.copyOf(storage);
    }

    static LauncherSettings fromEnvironment(Map<String, String> env, Path currentDir) {
        Path repoRoot = currentDir.toAbsolutePath().normalize();
        String dataDir = env.getOrDefault("GOBLINA_DATA_DIR", "");
        return new LauncherSettings(
                repoRoot,
                repoRoot.resolve(dataDir.isBlank() ? "data" : dataDir.strip()).normalize(),
                number(env, "GOBLINA_API_PORT", 8080, 1, 65_535),
                number(env, "GOBLINA_DASHBOARD_PORT", 8000, 0, 65_535),
                number(env, "GOBLINA_WORKERS", 2, 1, 16),
                blankToNull(env.get("DATABASE_URL")),
                env.getOrDefault("DATABASE_USER", "postgres"),
                env.getOrDefault("DATABASE_PASSWORD", ""),
                storage(env));
    }

    /** True when the children keep their files in S3 (or R2, MinIO) rather than in the data directory. */
    boolean s3Storage() {
        return !storage.isEmpty();
    }

    /** Where the files go, for the welcome text: {@code bucket goblina at https://...}. */
    String storageDescription() {
        return "bucket " + storage.getOrDefault("GOBLINA_STORAGE_BUCKET", "goblina") + " at "
                + storage.getOrDefault("GOBLINA_STORAGE_ENDPOINT", "the AWS default endpoint");
    }

    private static Map<String, String> storage(Map<String, String> env) {
        String kind = env.getOrDefault(STORAGE_KIND, "").strip();
        if (kind.isEmpty() || kind.equals("local")) {
            return Map.of();
        }
        if (!kind.equals("s3")) {
            throw new IllegalArgumentException(STORAGE_KIND + " must be local or s3, got '" + kind + "'");
        }
        Map<String, String> storage = new HashMap<>();
        env.forEach((name, value) -> {
            if (name.startsWith(STORAGE_PREFIX) && !name.equals("GOBLINA_STORAGE_LOCAL_ROOT")) {
                storage.put(name, value);
            }
        });
        storage.put(STORAGE_KIND, "s3");
        return storage;
    }

    /** Where the API is expected, e.g. {@code http://localhost:8080}. */
    URI apiUrl() {
        return URI.create("http://localhost:" + apiPort);
    }

    /**
     * Options for a {@link app.goblina.launcher.processes.Platform} with these settings, the development {@code
     * apiKey} and the {@code adminKey} that opens the API's admin surface.
     */
    PlatformOptions platformOptions(String apiKey, String adminKey) {
        return platformOptions(apiKey, adminKey, null);
    }

    /** The same, with the dashboard's login, or none when {@code dashboard} is null. */
    PlatformOptions platformOptions(String apiKey, String adminKey, DashboardCredentials dashboard) {
        Map<String, String> env = new HashMap<>(storage);
        env.put(AdminApiKey.ENV, adminKey);
        if (dashboard != null) {
            env.putAll(dashboard.environment());
        }
        return new PlatformOptions(repoRoot, dataDir, jdbcUrl, dbUser, dbPassword, apiPort, workers, dashboardPort,
                apiKey, env);
    }

    /** The dashboard's login, kept in the data directory unless the environment names one; null for no dashboard. */
    DashboardCredentials dashboardCredentials(Map<String, String> env) throws IOException {
        return dashboardPort == 0 ? null : DashboardCredentials.resolve(env, dataDir);
    }

    private static int number(Map<String, String> env, String name, int fallback, int min, int max) {
        String raw = env.get(name);
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(raw.strip());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // Reported below with the accepted range.
        }
        throw new IllegalArgumentException(name + " must be a whole number from " + min + " to " + max
                + ", got '" + raw + "'");
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
