package app.goblina.launcher.cli;

import app.goblina.launcher.client.GoblinaClient;
import app.goblina.launcher.processes.Platform;
import app.goblina.launcher.processes.PlatformStartException;
import app.goblina.launcher.processes.StopRequests;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * {@code ./goblina demo}: one short, start to finish, through the public API (see {@link DemoRun}). Uses the
 * running platform when one answers, else starts one for the length of the demo and stops it at the end.
 */
public final class Demo {

    private Demo() {
    }

    public static void main(String[] args) {
        DemoOptions options;
        try {
            options = DemoOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("goblina demo: " + e.getMessage());
            System.err.println();
            System.err.println(DemoOptions.USAGE);
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.println(DemoOptions.USAGE);
            System.exit(0);
        }
        int code;
        try {
            code = run(options, System.getenv());
        } catch (IllegalArgumentException | IOException e) {
            System.err.println("goblina demo: " + e.getMessage());
            code = 1;
        }
        System.exit(code);
    }

    private static int run(DemoOptions options, Map<String, String> env) throws IOException {
        LauncherSettings settings = LauncherSettings.fromEnvironment(env, Path.of(""));
        Path image = options.image() == null
                ? settings.repoRoot().resolve("examples").resolve("ms-goblina.png")
                : Path.of(options.image());
        if (!Files.isRegularFile(image)) {
            throw new IllegalArgumentException("No image at " + image);
        }
        StopRequests stop = StopRequests.install(Thread.currentThread());
        URI apiUrl = settings.apiUrl();

        Platform own = null;
        String apiKey;
        if (GoblinaClient.create(apiUrl, "").isHealthy()) {
            apiKey = DevApiKey.existing(env, settings.dataDir()).orElseThrow(() -> new IllegalArgumentException(
                    "Goblina answers at " + apiUrl + " but there is no API key to use: set " + DevApiKey.ENV
                            + " or run the demo from the directory where ./goblina up runs."));
            System.out.println("Using the Goblina at " + apiUrl);
        } else {
            apiKey = DevApiKey.resolve(env, settings.dataDir());
            System.out.println("Nothing answers at " + apiUrl + "/health; starting Goblina for this demo "
                    + "(./goblina up keeps one running).");
            try {
                own = Platform.start(settings.platformOptions(apiKey, AdminApiKey.SECRET.resolve(env, settings.dataDir()),
                        settings.dashboardCredentials(env)), line -> System.out.println("  " + line));
            } catch (PlatformStartException e) {
                if (stop.requested()) {
                    return 130;
                }
                System.err.println("Goblina did not start: " + e.getMessage());
                return 1;
            }
            stop.watch(own);
        }

        try {
            DemoRun demo = new DemoRun(GoblinaClient.create(apiUrl, apiKey), options, System.out, System.err,
                    settings.repoRoot().resolve("out"));
            return demo.makeShort(image);
        } catch (InterruptedException e) {
            System.err.println("Demo stopped.");
            return 130;
        } catch (IOException e) {
            System.err.println();
            System.err.println("goblina demo: " + e.getMessage());
            return 1;
        } finally {
            if (own != null) {
                // The interrupt that ended the demo must not cut the orderly stop short.
                Thread.interrupted();
                System.out.println("Stopping the Goblina this demo started...");
                own.close();
            }
        }
    }
}
