package app.goblina.launcher.cli;

import app.goblina.launcher.processes.PlatformOptions;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
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
 *   <li>{@code GOBLINA_PROVIDERS_NARRATION} ({@code local} when espeak-ng is installed, else none) and
 *       {@code GOBLINA_PROVIDERS_MUSIC} ({@code soft-pad}): what a project that names neither gets; set in the
 *       environment (even empty), they reach the children as they are</li>
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
 * @param sound         the project defaults for sound this launcher sets, those the environment does not
 * @param narration     the narration provider projects get by default, empty for none
 * @param music         the background track projects get by default
 * @param espeakMissing whether espeak-ng, the offline narrator, is not installed (so narration is off by default)
 */
record LauncherSettings(Path repoRoot, Path dataDir, int apiPort, int dashboardPort, int workers, String jdbcUrl,
                        String dbUser, String dbPassword, Map<String, String> storage, Map<String, String> sound,
                        String narration, String music, boolean espeakMissing) {

    static final String STORAGE_KIND = "GOBLINA_STORAGE_KIND";
    static final String NARRATION = "GOBLINA_PROVIDERS_NARRATION";
    static final String MUSIC = "GOBLINA_PROVIDERS_MUSIC";
    /**
     * Set for every child: a project's completion callback may be plain http to a receiver on this machine (an n8n
     * on localhost, say), as one person's development platform needs; nothing but loopback is opened by it.
     */
    static final String CALLBACKS_HTTP_LOOPBACK = "GOBLINA_CALLBACKS_ALLOW_HTTP_LOOPBACK";
    /** The offline narrator's program and Debian package; the workers look for it the same way. */
    static final String ESPEAK = "espeak-ng";
    private static final String STORAGE_PREFIX = "GOBLINA_STORAGE_";

    LauncherSettings {
        storage = Map.copyOf(storage);
        sound = Map.copyOf(sound);
    }

    static LauncherSettings fromEnvironment(Map<String, String> env, Path currentDir) {
        Path repoRoot = currentDir.toAbsolutePath().normalize();
        String dataDir = env.getOrDefault("GOBLINA_DATA_DIR", "");
        boolean espeakMissing = !espeakInstalled(env);
        Map<String, String> sound = new HashMap<>();
        if (!env.containsKey(NARRATION) && !espeakMissing) {
            sound.put(NARRATION, "local");
        }
        if (!env.containsKey(MUSIC)) {
            sound.put(MUSIC, "soft-pad");
        }
        return new LauncherSettings(
                repoRoot,
                repoRoot.resolve(dataDir.isBlank() ? "data" : dataDir.strip()).normalize(),
                number(env, "GOBLINA_API_PORT", 8080, 1, 65_535),
                number(env, "GOBLINA_DASHBOARD_PORT", 8000, 0, 65_535),
                number(env, "GOBLINA_WORKERS", 2, 1, 16),
                blankToNull(env.get("DATABASE_URL")),
                env.getOrDefault("DATABASE_USER", "postgres"),
                env.getOrDefault("DATABASE_PASSWORD", ""),
                storage(env),
                sound,
                sound.getOrDefault(NARRATION, env.getOrDefault(NARRATION, "")).strip(),
                sound.getOrDefault(MUSIC, env.getOrDefault(MUSIC, "")).strip(),
                espeakMissing);
    }

    /** What projects sound like by default, for the welcome text: {@code narration local, music soft-pad}. */
    String soundDescription() {
        String described = "narration " + (narration.isEmpty() ? "none" : narration) + ", music "
                + (music.isEmpty() ? "none" : music);
        return espeakMissing && narration.isEmpty()
                ? described + "  (install " + ESPEAK + " for local narration: apt-get install " + ESPEAK + ")"
                : described;
    }

    /**
     * Whether the offline narrator's program is installed: {@code GOBLINA_ESPEAK_PROGRAM} when it names a path,
     * else that name (espeak-ng) in a folder of {@code PATH}, as the workers look for it.
     */
    static boolean espeakInstalled(Map<String, String> env) {
        String program = env.getOrDefault("GOBLINA_ESPEAK_PROGRAM", "").strip();
        program = program.isEmpty() ? ESPEAK : program;
        if (program.contains(File.separator)) {
            return Files.isRegularFile(Path.of(program)) && Files.isExecutable(Path.of(program));
        }
        for (String dir : env.getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dir.isBlank()) {
                Path candidate = Path.of(dir).resolve(program);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return true;
                }
            }
        }
        return false;
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
        Map<String, String> env = new HashMap<>(sound);
        env.putAll(storage);
        env.put(AdminApiKey.ENV, adminKey);
        env.put(CALLBACKS_HTTP_LOOPBACK, "true");
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
