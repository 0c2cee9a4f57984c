package app.goblina.launcher.faults;

import app.goblina.launcher.processes.ModuleLaunch;
import app.goblina.testkit.FreePort;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The API and the workers of one run, each its own JVM started from {@code api/target} and {@code worker/target}
 * as {@code ./goblina up} does, all pointed at the run's own PostgreSQL, Redis, blob folder and provider fake.
 */
final class GoblinaCluster implements AutoCloseable {

    static final String API_MAIN = "app.goblina.api.ApiApplication";
    static final String WORKER_MAIN = "app.goblina.worker.WorkerApplication";
    static final Duration READY_TIMEOUT = Duration.ofSeconds(150);

    /** Where the platform's processes find everything outside themselves. */
    record Wiring(Path repoRoot, Path runDir, String jdbcUrl, String dbUser, URI redis, URI replicate,
            String replicateToken, String apiKey, int connectionTimeoutMillis, Duration sweepAfter) {

        Path blobs() {
            return runDir.resolve("blobs");
        }

        Path logs() {
            return runDir.resolve("logs");
        }
    }

    private final Wiring wiring;
    private final GoblinaProcess api;
    private final List<GoblinaProcess> workers;
    private final int apiPort;
    private final List<GoblinaProcess> all = new CopyOnWriteArrayList<>();

    private GoblinaCluster(Wiring wiring, int workerCount) {
        this.wiring = wiring;
        ModuleLaunch apiModule = ModuleLaunch.locate(wiring.repoRoot(), "api", API_MAIN);
        ModuleLaunch workerModule = ModuleLaunch.locate(wiring.repoRoot(), "worker", WORKER_MAIN);
        this.apiPort = FreePort.pick();
        Map<String, String> apiEnv = common();
        apiEnv.put("MICRONAUT_SERVER_PORT", Integer.toString(apiPort));
        apiEnv.put("GOBLINA_API_PORT", Integer.toString(apiPort));
        apiEnv.put("GOBLINA_BOOTSTRAP_API_KEY", wiring.apiKey());
        api = new GoblinaProcess("api", apiModule, jvmOptions("384m"), apiEnv, wiring.repoRoot(),
                wiring.logs().resolve("api.log"), URI.create("http://127.0.0.1:" + apiPort + "/health"), false);
        all.add(api);
        List<GoblinaProcess> list = new ArrayList<>();
        for (int n = 1; n <= workerCount; n++) {
            String name = "worker-" + n;
            int healthPort = FreePort.pick();
            Map<String, String> env = common();
            env.put("GOBLINA_WORKER_NAME", name);
            env.put("GOBLINA_WORKER_WORK_DIR", wiring.runDir().resolve("work").resolve(name).toString());
            env.put("GOBLINA_WORKER_HTTP_PORT", Integer.toString(healthPort));
            env.put("GOBLINA_WORKER_SWEEP_AFTER", wiring.sweepAfter().toSeconds() + "s");
            env.put("GOBLINA_DASHBOARD_ENABLED", "false");
            // Retries start at 1 s instead of 3 s, so a run with 30% provider faults fits in CI; the policy is
            // otherwise the production one (x3 per retry, jitter, Retry-After honoured).
            env.put("GOBLINA_RETRIES_FIRST_WAIT", "1s");
            // The fake fails 30% of all calls, far above any real provider, and a submission after a lost answer
            // makes two calls: more and shorter retries keep a run's outcome from hanging on a rare streak.
            env.put("GOBLINA_RETRIES_WORK", "10");
            env.put("GOBLINA_RETRIES_CEILING", "20s");
            env.put("REPLICATE_API_TOKEN", wiring.replicateToken());
            env.put("GOBLINA_REPLICATE_BASE_URL", wiring.replicate().toString());
            // The fake serves outputs from "localhost" while its API answers on 127.0.0.1, as Replicate's CDN differs.
            env.put("GOBLINA_REPLICATE_DOWNLOAD_HOSTS", "localhost");
            env.put("GOBLINA_REPLICATE_CONNECT_TIMEOUT", "1s");
            env.put("GOBLINA_REPLICATE_CREATE_TIMEOUT", ProviderFaults.CREATE_TIMEOUT.toMillis() + "ms");
            env.put("GOBLINA_REPLICATE_REQUEST_TIMEOUT", ProviderFaults.REQUEST_TIMEOUT.toMillis() + "ms");
            env.put("GOBLINA_REPLICATE_DOWNLOAD_TIMEOUT", ProviderFaults.DOWNLOAD_TIMEOUT.toMillis() + "ms");
            GoblinaProcess worker = new GoblinaProcess(name, workerModule, jvmOptions("768m"), env, wiring.repoRoot(),
                    wiring.logs().resolve(name + ".log"), URI.create("http://127.0.0.1:" + healthPort + "/health"), true);
            list.add(worker);
            all.add(worker);
        }
        this.workers = List.copyOf(list);
    }

    /** Starts the API and the workers and waits until all are ready. */
    static GoblinaCluster start(Wiring wiring, int workerCount) {
        GoblinaCluster cluster = new GoblinaCluster(wiring, workerCount);
        try {
            // The API first: it and the workers each run the migrations, and one at a time is quicker on 2 cores.
            cluster.api.start();
            cluster.awaitReady(cluster.api);
            for (GoblinaProcess worker : cluster.workers) {
                worker.start();
            }
            for (GoblinaProcess worker : cluster.workers) {
                cluster.awaitReady(worker);
            }
            return cluster;
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    private Map<String, String> common() {
        Map<String, String> env = new HashMap<>();
        env.put("DATABASE_URL", wiring.jdbcUrl());
        env.put("DATABASE_USER", wiring.dbUser());
        env.put("DATABASE_PASSWORD", "");
        // Hikari: how long a process waits for a connection before the call fails (shorter than an outage).
        env.put("DATASOURCES_DEFAULT_CONNECTION_TIMEOUT", Integer.toString(wiring.connectionTimeoutMillis()));
        env.put("DATASOURCES_DEFAULT_VALIDATION_TIMEOUT",
                Integer.toString(Math.max(250, Math.min(1000, wiring.connectionTimeoutMillis() - 250))));
        env.put("GOBLINA_STORAGE_KIND", "local");
        env.put("GOBLINA_STORAGE_LOCAL_ROOT", wiring.blobs().toString());
        env.put("REDIS_URL", wiring.redis().toString());
        return env;
    }

    private List<String> jvmOptions(String maxHeap) {
        return List.of(
                "-Xmx" + maxHeap,
                "-XX:+ExitOnOutOfMemoryError",
                // Quicker starts on a small machine, which matter when workers are restarted again and again.
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-Dorg.bytedeco.javacpp.cachedir=" + wiring.repoRoot().resolve(".cache").resolve("javacpp"),
                // Names the run in ps output, so a leftover is easy to recognise.
                "-Dgoblina.faultRun=" + wiring.runDir());
    }

    URI apiUrl() {
        return URI.create("http://127.0.0.1:" + apiPort);
    }

    GoblinaProcess api() {
        return api;
    }

    List<GoblinaProcess> workers() {
        return workers;
    }

    /** The worker whose JobRunr server is called {@code serverName}, if it is one of ours. */
    GoblinaProcess workerNamed(String serverName) {
        return workers.stream().filter(w -> w.name().equals(serverName)).findFirst().orElse(null);
    }

    /** Waits for {@code process} to be ready; fails with its log tail if it exits or does not become ready in time. */
    void awaitReady(GoblinaProcess process) {
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        while (!process.isReady()) {
            if (!process.isAlive()) {
                throw new IllegalStateException(process + " exited with code " + process.exitCode()
                        + " before it was ready; the end of " + process.logFile() + ":\n" + process.logTail(40));
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(process + " was not ready within " + READY_TIMEOUT.toSeconds()
                        + " s; the end of " + process.logFile() + ":\n" + process.logTail(40));
            }
            sleep(Duration.ofMillis(250));
        }
    }

    /** Every process that is not running now (a worker killed and not yet restarted, or one that exited by itself). */
    List<GoblinaProcess> notRunning() {
        return all.stream().filter(p -> !p.isAlive()).toList();
    }

    @Override
    public void close() {
        // SIGTERM to all at once, then SIGKILL to whatever still runs after the grace period.
        for (GoblinaProcess process : all) {
            process.terminate();
        }
        Instant deadline = Instant.now().plusSeconds(15);
        for (GoblinaProcess process : all) {
            process.awaitExit(Duration.between(Instant.now(), deadline));
        }
        for (GoblinaProcess process : all) {
            if (process.isAlive()) {
                process.kill();
            }
        }
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
