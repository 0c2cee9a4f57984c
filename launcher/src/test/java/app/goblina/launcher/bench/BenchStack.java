package app.goblina.launcher.bench;

import app.goblina.launcher.client.CharacterView;
import app.goblina.launcher.client.GoblinaClient;
import app.goblina.launcher.processes.Platform;
import app.goblina.launcher.processes.PlatformOptions;
import app.goblina.tenants.ApiKeys;
import app.goblina.testkit.FreePort;
import app.goblina.testkit.TestDatabase;
import app.goblina.testkit.TestPostgres;
import app.goblina.testkit.fakes.replicate.FakeReplicateServer;
import app.goblina.testkit.fakes.video.FileHost;
import app.goblina.testkit.fakes.video.SeededFaults;
import app.goblina.testkit.fakes.video.WallClockDriver;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The whole platform from the built jars, for a benchmark: the API and {@code workers} worker processes on a fresh
 * database, clips from a {@link FakeReplicateServer} in this JVM whose clock moves with real time, every other
 * provider local. Projects are small on purpose (2 scenes, 720x1280, no captions, cuts), so what is measured is the
 * platform rather than FFmpeg.
 */
final class BenchStack implements AutoCloseable {

    static final Path REPO_ROOT = Path.of("..").toAbsolutePath().normalize();
    static final int SCENES = 2;
    private static final String TOKEN = "r8_bench_token";

    private final TestDatabase database;
    private final FakeReplicateServer replicate;
    private final WallClockDriver clock;
    private final Platform platform;
    private final GoblinaClient client;
    private final String characterId;
    private final Map<String, Object> projectOptions;
    private Connection statusReads;

    /** The options of the small projects the overhead and hand-off benchmarks send: re-encoded at assembly. */
    static final Map<String, Object> REENCODED = Map.of("format", "720x1280", "captions", false, "transition", "cut",
            "clipSeconds", 2);

    /**
     * Options under which clips already in the output format ({@link ProviderClips#inOutputFormat}) are joined by
     * copy: a cut, no captions, no narration, no music, the clips' loudness kept.
     */
    static final Map<String, Object> STREAM_COPIED = Map.of("format", "720x1280", "captions", false, "transition", "cut",
            "clipSeconds", 2, "music", "none", "narration", "none", "normalizeLoudness", false);

    private BenchStack(TestDatabase database, FakeReplicateServer replicate, WallClockDriver clock, Platform platform,
            GoblinaClient client, String characterId, Map<String, Object> projectOptions) {
        this.projectOptions = projectOptions;
        this.database = database;
        this.replicate = replicate;
        this.clock = clock;
        this.platform = platform;
        this.client = client;
        this.characterId = characterId;
    }

    /**
     * @param workers   worker processes
     * @param threads   job threads per worker
     * @param renderFor how long the fake renders a clip (after a 0 s queue)
     * @param latency   how long each of the fake's answers (API and downloads) takes at most; at least a fifth
     */
    static BenchStack start(int workers, int threads, Duration renderFor, Duration latency) throws Exception {
        Path dir = Files.createTempDirectory("goblina-bench");
        return start(workers, threads, renderFor, latency, dir, ProviderClips.small(dir), REENCODED);
    }

    /**
     * @param clip           what the video fake answers every generation with
     * @param projectOptions the options of every project {@link #submit} sends
     */
    static BenchStack start(int workers, int threads, Duration renderFor, Duration latency, Path dir, Path clip,
            Map<String, Object> projectOptions) throws Exception {
        FakeReplicateServer replicate = FakeReplicateServer.builder(TOKEN, clip)
                .queueFor(Duration.ZERO).renderFor(renderFor).start();
        if (!latency.isZero()) {
            Duration least = latency.dividedBy(5);
            replicate.failRandomly(SeededFaults.builder(FakeReplicateServer.Endpoint.class, 1).rate(0)
                    .latency(least, latency).build());
            replicate.failDownloadsRandomly(SeededFaults.builder(FileHost.Endpoint.class, 2).rate(0)
                    .latency(least, latency).build());
        }
        WallClockDriver clock = WallClockDriver.start(replicate::advance, Duration.ofMillis(50));
        TestDatabase database = TestPostgres.newDatabase();
        String key = ApiKeys.newKey("gob_bench_");
        Map<String, String> env = new HashMap<>();
        env.put("GOBLINA_PROVIDERS_VIDEO", "replicate");
        env.put("GOBLINA_PROVIDERS_VIDEO_MODEL", "kwaivgi/kling-v2.5-turbo-pro");
        env.put("REPLICATE_API_TOKEN", TOKEN);
        env.put("GOBLINA_REPLICATE_BASE_URL", replicate.baseUrl().toString());
        env.put("GOBLINA_REPLICATE_DOWNLOAD_HOSTS", replicate.downloadHost());
        env.put("GOBLINA_WORKER_THREADS", Integer.toString(threads));
        // the benchmark measures the platform, not the provider limits or the budget
        env.put("GOBLINA_LIMITS_SPEC", "replicate/*=rpm:1000000,concurrent:10000");
        env.put("GOBLINA_BOOTSTRAP_DAILY_BUDGET_CENTS", "1000000000");
        String recordings = System.getProperty("goblina.bench.jfr");
        if (recordings != null) {
            // a flight recording of each process (API and workers), one file per pid, for finding where time goes
            Files.createDirectories(Path.of(recordings));
            env.put("JAVA_TOOL_OPTIONS", "-XX:StartFlightRecording=settings=profile,jdk.SocketRead#threshold=0ms,jdk.ThreadPark#threshold=1ms,"
                    + "jdk.JavaMonitorEnter#threshold=1ms,dumponexit=true,filename="
                    + Path.of(recordings).toAbsolutePath() + "/%p.jfr");
        }
        Platform platform = Platform.start(new PlatformOptions(REPO_ROOT, dir.resolve("data"), database.jdbcUrl(),
                database.username(), database.password(), FreePort.pick(), workers, 0, key, env));
        try {
            GoblinaClient client = GoblinaClient.create(platform.apiUrl(), key);
            CharacterView character = client.createCharacter("Ms. Goblina", REPO_ROOT.resolve("examples/ms-goblina.png"));
            while (client.character(character.id()).status().equals("ANALYZING")) {
                Thread.sleep(100);
            }
            return new BenchStack(database, replicate, clock, platform, client, character.id(), projectOptions);
        } catch (Exception | Error e) {
            platform.close();
            clock.close();
            replicate.close();
            throw e;
        }
    }

    /** Submits one small project; answers its id. */
    String submit(String topic) throws Exception {
        return client.createProject(characterId, topic, "sassy", SCENES, projectOptions).id();
    }

    /**
     * Waits until every project has ended; throws if one did not end DONE. The status is read from the database
     * (one indexed row) rather than from the API's project view, whose dozen queries 20 times a second would load
     * the machine the measured projects run on; the API is asked only for the view of a project that failed.
     */
    void awaitDone(List<String> ids, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        for (String id : ids) {
            while (true) {
                String status = status(id);
                if (status.equals("DONE")) {
                    break;
                }
                if (Set.of("FAILED", "CANCELLED").contains(status) || System.nanoTime() > deadline) {
                    throw new IllegalStateException("project " + id + " is " + status + ": " + client.project(id));
                }
                Thread.sleep(50);
            }
        }
    }

    /** Per project: seconds from its first job being due to its last job's end, as the workers recorded them. */
    Map<String, Double> projectSpans() throws Exception {
        Map<String, Double> spans = new LinkedHashMap<>();
        query("SELECT project_id, extract(epoch FROM max(finished_at) - min(ready_at)) FROM job_runs"
                + " WHERE project_id IS NOT NULL GROUP BY project_id", rows -> spans.put(rows.getString(1), rows.getDouble(2)));
        return spans;
    }

    /**
     * Per project: seconds from its last clip submit's end to its first clip poll's start, the hop that JobRunr's
     * scheduled-job sweep decides (it enqueues jobs due within its next poll interval, every 5 s).
     */
    Map<String, Double> scheduledWaits() throws Exception {
        Map<String, Double> waits = new LinkedHashMap<>();
        query("SELECT project_id, extract(epoch FROM min(started_at) FILTER (WHERE job = 'PollClip')"
                + " - max(finished_at) FILTER (WHERE job = 'SubmitClip')) FROM job_runs WHERE project_id IS NOT NULL"
                + " GROUP BY project_id", rows -> waits.put(rows.getString(1), rows.getDouble(2)));
        return waits;
    }

    /**
     * Per job name, over the runs of {@code projects}: the seconds each run waited from being due to starting, and
     * the seconds it ran, as the workers recorded them.
     */
    Map<String, List<double[]>> jobTimes(Set<String> projects) throws Exception {
        Map<String, List<double[]>> times = new LinkedHashMap<>();
        query("SELECT project_id, job, extract(epoch FROM started_at - ready_at), extract(epoch FROM finished_at - started_at)"
                + " FROM job_runs WHERE project_id IS NOT NULL AND finished_at IS NOT NULL ORDER BY job", rows -> {
                    if (projects.contains(rows.getString(1))) {
                        times.computeIfAbsent(rows.getString(2), job -> new ArrayList<>())
                                .add(new double[] {rows.getDouble(3), rows.getDouble(4)});
                    }
                });
        return times;
    }

    /** For each of {@code projects}: its last job's end, in seconds since {@code epochSeconds}. */
    List<Double> projectEnds(Set<String> projects, double epochSeconds) throws Exception {
        List<Double> ends = new ArrayList<>();
        query("SELECT project_id, extract(epoch FROM max(finished_at)) FROM job_runs WHERE project_id IS NOT NULL"
                + " GROUP BY project_id", rows -> {
                    if (projects.contains(rows.getString(1))) {
                        ends.add(rows.getDouble(2) - epochSeconds);
                    }
                });
        return ends;
    }

    /** How many runs of each job the projects took. */
    Map<String, Integer> jobCounts() throws Exception {
        Map<String, Integer> counts = new LinkedHashMap<>();
        query("SELECT job, count(*) FROM job_runs WHERE project_id IS NOT NULL GROUP BY job ORDER BY job",
                rows -> counts.put(rows.getString(1), rows.getInt(2)));
        return counts;
    }

    /** Median over projects of the time from the first submit's end to the first poll being due: the contract's wait. */
    double pollDelaySeconds() throws Exception {
        List<Double> delays = new ArrayList<>();
        query("SELECT extract(epoch FROM min(ready_at) FILTER (WHERE job = 'PollClip')"
                + " - min(finished_at) FILTER (WHERE job = 'SubmitClip')) FROM job_runs WHERE project_id IS NOT NULL"
                + " GROUP BY project_id", rows -> delays.add(rows.getDouble(1)));
        return Percentiles.median(delays);
    }

    /** The sum of a Prometheus sample over every worker, e.g. {@code goblina_assembly_seconds_sum}. */
    double workerSum(String sample) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        Pattern line = Pattern.compile("^" + Pattern.quote(sample) + "(\\{[^}]*\\})? ([0-9.eE+-]+)$", Pattern.MULTILINE);
        double sum = 0;
        for (URI worker : platform.workerUrls()) {
            String body = http.send(HttpRequest.newBuilder(worker.resolve("/prometheus")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            Matcher matcher = line.matcher(body);
            while (matcher.find()) {
                sum += Double.parseDouble(matcher.group(2));
            }
        }
        return sum;
    }

    /** On one connection kept open: a new connection per read would start a database backend each time. */
    private String status(String project) throws Exception {
        try (PreparedStatement statement = statusReads().prepareStatement("SELECT status FROM projects WHERE id = ?")) {
            statement.setObject(1, java.util.UUID.fromString(project));
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? rows.getString(1) : "MISSING";
            }
        }
    }

    /** How many projects are in each status. */
    Map<String, Integer> projectsByStatus() throws Exception {
        Map<String, Integer> counts = new HashMap<>();
        try (PreparedStatement statement = statusReads().prepareStatement("SELECT status, count(*) FROM projects GROUP BY status");
                ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                counts.put(rows.getString(1), rows.getInt(2));
            }
        }
        return counts;
    }

    private Connection statusReads() throws java.sql.SQLException {
        if (statusReads == null) {
            statusReads = DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password());
        }
        return statusReads;
    }

    /** Seconds since the epoch on the database's clock, the one job_runs is written with. */
    double databaseNow() throws Exception {
        double[] now = new double[1];
        query("SELECT extract(epoch FROM clock_timestamp())", rows -> now[0] = rows.getDouble(1));
        return now[0];
    }

    private interface RowReader {
        void read(ResultSet rows) throws Exception;
    }

    private void query(String sql, RowReader reader) throws Exception {
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.username(),
                database.password()); PreparedStatement statement = connection.prepareStatement(sql);
                ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                reader.read(rows);
            }
        }
    }

    @Override
    public void close() {
        if (statusReads != null) {
            try {
                statusReads.close();
            } catch (java.sql.SQLException ignored) {
                // the database is going away with the stack
            }
        }
        platform.close();
        clock.close();
        replicate.close();
    }
}
