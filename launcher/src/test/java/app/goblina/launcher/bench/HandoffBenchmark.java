package app.goblina.launcher.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import app.goblina.launcher.client.CharacterView;
import app.goblina.launcher.client.GoblinaClient;
import app.goblina.launcher.processes.Platform;
import app.goblina.launcher.processes.PlatformOptions;
import app.goblina.tenants.ApiKeys;
import app.goblina.testkit.FreePort;
import app.goblina.testkit.TestDatabase;
import app.goblina.testkit.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * {@code ./goblina bench}: the hand-off waits of the pipeline with the wake-up on (the default) against stock
 * JobRunr polling, on the same machine in one run, plus the submissions per second the API accepts. Each side is
 * the whole platform from the built jars (API and two workers, local providers) on a fresh database; the waits are
 * those the workers recorded (job_runs: from due to started). Not part of {@code mvn verify}: it runs only when
 * {@code -Dgoblina.bench=true}.
 */
class HandoffBenchmark {

    private static final Path REPO_ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final int PROJECTS = Integer.getInteger("goblina.bench.projects", 8);
    private static final int SCENES = 2;
    private static final int SUBMISSIONS = Integer.getInteger("goblina.bench.submissions", 60);
    private static final Set<String> FROM_API = Set.of("AnalyzeCharacter", "WriteScenarios");
    private static final Set<String> SCHEDULED = Set.of("PollClip");

    @Test
    void handOffWaitsWithTheWakeUpAgainstStockPolling() throws Exception {
        assumeTrue(Boolean.getBoolean("goblina.bench"), "run with ./goblina bench");
        Map<String, List<Double>> wake = run(true);
        Map<String, List<Double>> poll = run(false);
        double accepted = wake.get("submissions/s").get(0);

        StringBuilder table = new StringBuilder();
        table.append(String.format("Hand-off waits, %d projects x %d scenes, 2 workers, local providers (ms)%n", PROJECTS, SCENES));
        table.append(String.format("%-22s %6s | %8s %8s %8s | %8s %8s %8s | %s%n", "hop", "jobs", "wake p50", "p99", "max",
                "poll p50", "p99", "max", "p50 poll/wake"));
        for (String hop : List.of("API -> worker", "job -> job", "scheduled (clip poll)")) {
            List<Double> w = wake.getOrDefault(hop, List.of());
            List<Double> p = poll.getOrDefault(hop, List.of());
            table.append(String.format("%-22s %6d | %8.0f %8.0f %8.0f | %8.0f %8.0f %8.0f | %.1fx%n", hop, w.size(),
                    Percentiles.of(w, 50), Percentiles.of(w, 99), Percentiles.of(w, 100),
                    Percentiles.of(p, 50), Percentiles.of(p, 99), Percentiles.of(p, 100),
                    Percentiles.of(p, 50) / Math.max(1, Percentiles.of(w, 50))));
        }
        table.append(String.format("Wall time for all projects: wake-up %.1f s, polling %.1f s (%.2fx)%n",
                wake.get("wall").get(0), poll.get("wall").get(0), poll.get("wall").get(0) / wake.get("wall").get(0)));
        table.append(String.format("API: %d project submissions from 4 clients accepted at %.1f per second%n",
                SUBMISSIONS, accepted));
        System.out.println(table);
        Path out = REPO_ROOT.resolve("launcher/target/bench");
        Files.createDirectories(out);
        Files.writeString(out.resolve("handoff.txt"), table.toString());
        assertThat(wake.get("API -> worker")).isNotEmpty();
    }

    private static Map<String, List<Double>> run(boolean wakeUp) throws Exception {
        TestDatabase database = TestPostgres.newDatabase();
        String key = ApiKeys.newKey("gob_bench_");
        Path dataDir = Files.createTempDirectory("goblina-bench");
        Map<String, List<Double>> result = new LinkedHashMap<>();
        try (Platform platform = Platform.start(new PlatformOptions(REPO_ROOT, dataDir, database.jdbcUrl(),
                database.username(), database.password(), FreePort.pick(), 2, 0, key,
                Map.of("GOBLINA_WORKER_WAKE_UP_ENABLED", Boolean.toString(wakeUp))))) {
            GoblinaClient client = GoblinaClient.create(platform.apiUrl(), key);
            CharacterView character = client.createCharacter("Ms. Goblina", REPO_ROOT.resolve("examples/ms-goblina.png"));
            while (client.character(character.id()).status().equals("ANALYZING")) {
                Thread.sleep(100);
            }
            long started = System.nanoTime();
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < PROJECTS; i++) {
                ids.add(client.createProject(character.id(), "goblin tea ritual " + i, "sassy", SCENES).id());
                Thread.sleep(700);
            }
            for (String id : ids) {
                while (!Set.of("DONE", "FAILED", "CANCELLED").contains(client.project(id).status())) {
                    Thread.sleep(200);
                }
            }
            result.put("wall", List.of((System.nanoTime() - started) / 1e9));
            result.putAll(waits(database));
            if (wakeUp) {
                result.put("submissions/s", List.of(submissionsPerSecond(client, character.id())));
            }
        }
        return result;
    }

    private static double submissionsPerSecond(GoblinaClient client, String characterId) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(4);
        try {
            long started = System.nanoTime();
            List<Future<?>> sent = new ArrayList<>();
            for (int i = 0; i < SUBMISSIONS; i++) {
                int n = i;
                sent.add(clients.submit(() -> client.createProject(characterId, "burst " + n, "deadpan", 1)));
            }
            for (Future<?> one : sent) {
                one.get();
            }
            return SUBMISSIONS / ((System.nanoTime() - started) / 1e9);
        } finally {
            clients.shutdownNow();
        }
    }

    private static Map<String, List<Double>> waits(TestDatabase database) throws Exception {
        Map<String, List<Double>> waits = new LinkedHashMap<>();
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password());
                PreparedStatement statement = connection.prepareStatement(
                        "SELECT job, extract(epoch FROM started_at - ready_at) * 1000 FROM job_runs");
                ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                String job = rows.getString(1);
                String hop = FROM_API.contains(job) ? "API -> worker" : SCHEDULED.contains(job) ? "scheduled (clip poll)" : "job -> job";
                waits.computeIfAbsent(hop, h -> new ArrayList<>()).add(Math.max(0, rows.getDouble(2)));
            }
        }
        return waits;
    }
}
