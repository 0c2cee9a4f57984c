package app.goblina.launcher.cli;

import app.goblina.launcher.Display;
import app.goblina.launcher.processes.ChildExit;
import app.goblina.launcher.processes.Platform;
import app.goblina.launcher.processes.PlatformStartException;
import app.goblina.launcher.processes.StopRequests;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * {@code ./goblina up}: runs the whole platform in the foreground (embedded PostgreSQL, the API, two workers, the
 * JobRunr dashboard), prints how to reach it and stops it all on Ctrl-C, keeping the data. An API or worker that
 * dies is restarted with backoff; one that keeps crashing stops the platform with the end of its log. Settings
 * come from the environment, see {@link LauncherSettings}.
 */
public final class Up {

    private Up() {
    }

    public static void main(String[] args) {
        if (args.length > 0) {
            boolean help = args[0].equals("--help") || args[0].equals("-h");
            (help ? System.out : System.err).println("""
                    Usage: ./goblina up

                    Runs Goblina in the foreground until Ctrl-C. Environment:
                      GOBLINA_API_PORT        API port (8080)
                      GOBLINA_DASHBOARD_PORT  JobRunr dashboard port (8000, 0 for none)
                      GOBLINA_DASHBOARD_USERNAME, GOBLINA_DASHBOARD_PASSWORD
                                              its login (goblina; password generated once, kept in
                                              data/dashboard-password)
                      GOBLINA_WORKERS         worker processes (2)
                      GOBLINA_API_KEY         development API key (default: generated once, kept in data/dev-api-key)
                      GOBLINA_DATA_DIR        data directory (./data)
                      DATABASE_URL            a PostgreSQL JDBC URL instead of the embedded database
                                              (with DATABASE_USER, DATABASE_PASSWORD)
                      GOBLINA_STORAGE_KIND    local (files in the data directory) or s3, with
                                              GOBLINA_STORAGE_ENDPOINT, _BUCKET, _REGION, _ACCESS_KEY,
                                              _SECRET_KEY, _PATH_STYLE for S3, R2 or MinIO
                      GOBLINA_PROVIDERS_NARRATION
                                              narration of a project that names none (local, spoken
                                              by espeak-ng, when it is installed; empty for none)
                      GOBLINA_PROVIDERS_MUSIC music of a project that names none (soft-pad; none)""");
            System.exit(help ? 0 : 2);
        }
        int code;
        try {
            code = run(System.getenv());
        } catch (IllegalArgumentException | IOException e) {
            System.err.println("goblina up: " + e.getMessage());
            code = 1;
        }
        System.exit(code);
    }

    private static int run(Map<String, String> env) throws IOException {
        LauncherSettings settings = LauncherSettings.fromEnvironment(env, Path.of(""));
        String apiKey = DevApiKey.resolve(env, settings.dataDir());
        DashboardCredentials dashboard = settings.dashboardCredentials(env);
        StopRequests stop = StopRequests.install(Thread.currentThread());

        System.out.println("Starting Goblina...");
        Platform platform;
        try {
            platform = Platform.start(settings.platformOptions(apiKey, AdminApiKey.SECRET.resolve(env, settings.dataDir()),
                    dashboard), line -> System.out.println("  " + line));
        } catch (PlatformStartException e) {
            if (stop.requested()) {
                System.out.println("Stopped before Goblina was up.");
                return 0;
            }
            System.err.println();
            System.err.println("Goblina did not start: " + e.getMessage());
            return 1;
        }
        stop.watch(platform);
        printWelcome(System.out, platform, settings, env.containsKey(DevApiKey.ENV), dashboard);

        // An API or worker that dies is restarted (announced here, one line each); only a crash loop ends this.
        Optional<ChildExit> crashLoop;
        try {
            crashLoop = platform.awaitCrashLoop();
        } catch (InterruptedException e) {
            crashLoop = Optional.empty();
        }
        if (crashLoop.isPresent()) {
            System.err.println();
            System.err.println(crashLoop.get().describe());
            System.err.println();
            System.err.println("Stopping the rest of Goblina.");
            platform.close();
            return 1;
        }
        platform.close();
        System.out.println("Stopped. Data kept in " + Display.path(settings.dataDir())
                + "/; ./goblina up starts again where you left off.");
        return 0;
    }

    /** What the user needs to start using the running platform. */
    static void printWelcome(PrintStream out, Platform platform, LauncherSettings settings, boolean keyFromEnv,
            DashboardCredentials dashboard) {
        String data = Display.path(settings.dataDir());
        String key = platform.apiKey();
        out.println();
        out.println("Goblina is up.");
        out.println();
        out.println("  API         " + platform.apiUrl());
        if (platform.dashboardUrl() != null) {
            out.println("  Dashboard   " + platform.dashboardUrl() + "  (JobRunr: jobs, retries, workers)");
            out.println("              login " + dashboard.username() + ", password " + (dashboard.passwordFromEnv()
                    ? "from " + DashboardCredentials.PASSWORD_ENV
                    : "kept in " + data + "/" + DashboardCredentials.SECRET.fileName()));
        }
        out.println("  API key     " + key + "  (" + (keyFromEnv
                ? "from GOBLINA_API_KEY" : "kept in " + data + "/" + DevApiKey.FILE_NAME) + ")");
        out.println("  Admin key   kept in " + data + "/" + AdminApiKey.SECRET.fileName()
                + "  (./goblina tenants create NAME, ./goblina keys create NAME)");
        out.println("  Database    " + platform.jdbcUrl() + (platform.usesEmbeddedDatabase()
                ? "  (embedded PostgreSQL, data in " + data + "/postgres)" : ""));
        out.println("  Files       " + (settings.s3Storage() ? "S3 " + settings.storageDescription()
                : Display.path(platform.blobsDir())));
        out.println("  Logs        " + Display.path(platform.logsDir()) + "/  (api.log, worker-1.log, ...)");
        out.println("  Sound       " + settings.soundDescription());
        out.println();
        out.println("Try it:");
        out.println("  curl -H \"Authorization: Bearer " + key + "\" \\");
        out.println("       -F name=\"Ms. Goblina\" -F image=@examples/ms-goblina.png \\");
        out.println("       " + platform.apiUrl() + "/v1/characters");
        out.println("  ./goblina demo    (in another terminal: one short video, start to finish)");
        out.println();
        out.println("Ctrl-C stops everything; the data stays in " + data + "/.");
    }
}
