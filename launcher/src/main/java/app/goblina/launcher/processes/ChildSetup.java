package app.goblina.launcher.processes;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the children of a {@link Platform} are started with: each one's command line, JVM options included, and its
 * environment, from the platform's options and the database it ended up with. The platform itself starts,
 * supervises and stops them.
 */
final class ChildSetup {

    private final PlatformOptions options;
    private final String jdbcUrl;
    private final Path blobsDir;

    /**
     * @param options  what the platform was started with
     * @param jdbcUrl  the database the children use, the embedded one's or {@link PlatformOptions#jdbcUrl()}
     * @param blobsDir the folder the local object storage writes to
     */
    ChildSetup(PlatformOptions options, String jdbcUrl, Path blobsDir) {
        this.options = options;
        this.jdbcUrl = jdbcUrl;
        this.blobsDir = blobsDir;
    }

    /** The system property on every child's command line that ties it to its data directory. */
    static String dataDirMarker(PlatformOptions options) {
        return "-Dgoblina.dataDir=" + options.dataDir();
    }

    /** The command that runs {@code module} in a JVM of its own, from this JDK, with at most {@code maxHeap}. */
    List<String> command(ModuleLaunch module, String maxHeap) {
        List<String> jvmOptions = List.of(
                "-Xmx" + maxHeap,
                // A JVM that ran out of memory is better dead (and reported) than limping on.
                "-XX:+ExitOnOutOfMemoryError",
                // JavaCPP unpacks FFmpeg here once instead of into the home directory.
                "-Dorg.bytedeco.javacpp.cachedir=" + options.repoRoot().resolve(".cache").resolve("javacpp"),
                // Lets a later start recognise leftovers of this data directory (see LeftoverProcesses).
                dataDirMarker(options));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return module.command(java, jvmOptions);
    }

    static final String ADMIN_KEY_ENV = "GOBLINA_ADMIN_API_KEY";
    static final String DASHBOARD_USERNAME_ENV = "GOBLINA_DASHBOARD_USERNAME";
    static final String DASHBOARD_PASSWORD_ENV = "GOBLINA_DASHBOARD_PASSWORD";

    /**
     * Variables a child gets from this class only, never from the launcher's own environment, which every child
     * otherwise inherits: the admin key is the API's alone, the dashboard's login, port and switch worker 1's
     * alone. (The launcher reads them too, e.g. {@code GOBLINA_DASHBOARD_PORT=0} for no dashboard, a value no
     * worker would start with.)
     */
    static final Set<String> NOT_INHERITED = Set.of(ADMIN_KEY_ENV, DASHBOARD_USERNAME_ENV, DASHBOARD_PASSWORD_ENV,
            "GOBLINA_DASHBOARD_PORT", "GOBLINA_DASHBOARD_ENABLED");

    /** The API's environment: its port, the development API key, the database and the storage. */
    Map<String, String> apiEnvironment() {
        Map<String, String> env = commonEnvironment();
        env.put("MICRONAUT_SERVER_PORT", Integer.toString(options.apiPort()));
        // The API's own configuration reads its port from here; both are set so an inherited value cannot win.
        env.put("GOBLINA_API_PORT", Integer.toString(options.apiPort()));
        env.put("GOBLINA_BOOTSTRAP_API_KEY", options.apiKey());
        env.putAll(options.extraEnv());
        // The dashboard's login is the dashboard worker's alone.
        env.remove(DASHBOARD_USERNAME_ENV);
        env.remove(DASHBOARD_PASSWORD_ENV);
        return env;
    }

    /**
     * Worker {@code n}'s environment (from 1): its name, scratch space, the port of its own {@code GET /health}
     * and, for worker 1 only, the dashboard and its login.
     */
    Map<String, String> workerEnvironment(int n, int httpPort) {
        Map<String, String> env = commonEnvironment();
        env.put("GOBLINA_WORKER_NAME", "worker-" + n);
        // Scratch space inside the data directory, not relative to wherever the repository is.
        env.put("GOBLINA_WORKER_WORK_DIR", options.dataDir().resolve("work").resolve("worker-" + n).toString());
        // Each worker's GET /health (200 while its job server runs) on a port of its own.
        env.put("GOBLINA_WORKER_HTTP_PORT", Integer.toString(httpPort));
        // One dashboard is enough, and a second would find its port taken.
        boolean dashboard = n == 1 && options.dashboardPort() != 0;
        env.put("GOBLINA_DASHBOARD_ENABLED", Boolean.toString(dashboard));
        if (dashboard) {
            env.put("GOBLINA_DASHBOARD_PORT", Integer.toString(options.dashboardPort()));
        }
        env.putAll(options.extraEnv());
        // The admin key opens the API's /admin; a worker has no use for it, so it is not handed one.
        env.remove(ADMIN_KEY_ENV);
        if (!dashboard) {
            env.remove(DASHBOARD_USERNAME_ENV);
            env.remove(DASHBOARD_PASSWORD_ENV);
        }
        return env;
    }

    private Map<String, String> commonEnvironment() {
        Map<String, String> env = new HashMap<>();
        env.put("DATABASE_URL", jdbcUrl);
        env.put("DATABASE_USER", options.embeddedDatabase() ? EmbeddedDatabase.USER : nullToEmpty(options.dbUser()));
        env.put("DATABASE_PASSWORD", options.embeddedDatabase() ? "" : nullToEmpty(options.dbPassword()));
        env.put("GOBLINA_STORAGE_KIND", "local");
        env.put("GOBLINA_STORAGE_LOCAL_ROOT", blobsDir.toString());
        return env;
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
