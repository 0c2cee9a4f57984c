package app.goblina.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.goblina.launcher.cli.Admin;
import app.goblina.launcher.dashboards.DashboardQueries;
import app.goblina.launcher.dashboards.Exposition;
import app.goblina.launcher.processes.Platform;
import app.goblina.launcher.processes.PlatformOptions;
import app.goblina.tenants.ApiKeys;
import app.goblina.testkit.FreePort;
import app.goblina.testkit.TestDatabase;
import app.goblina.testkit.TestPostgres;
import app.goblina.testkit.fakes.veo.FakeVeoServer;
import app.goblina.testkit.fakes.video.WallClockDriver;
import app.goblina.worker.media.ClipRenderer;
import app.goblina.worker.media.MediaProbe;
import app.goblina.worker.media.MediaProbe.MediaInfo;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole platform as a user runs it: the API and a worker as separate processes, started from the built jars
 * by the launcher, sharing a real PostgreSQL and a blob folder. A character goes in over REST; a finished short
 * comes out and is read back.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PipelineEndToEndTest {

    private static final Path REPO_ROOT = Path.of("..").toAbsolutePath().normalize();

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();
    private final ObjectMapper json = new ObjectMapper();
    private Platform platform;
    private FakeVeoServer veo;
    private WallClockDriver veoClock;
    private String key;
    private ApiClient api;
    private final String adminKey = ApiKeys.newKey("gob_admin_");

    @BeforeAll
    void start(@TempDir Path dataDir) {
        TestDatabase database = TestPostgres.newDatabase();
        key = ApiKeys.newKey("gob_e2e_");
        // Veo's fake, in real time: an operation waits a second, renders three, and its file lives two days
        veo = FakeVeoServer.builder("test-veo-e2e-key", providerClip(dataDir)).queueFor(Duration.ofSeconds(1))
                .renderFor(Duration.ofSeconds(3)).start();
        veoClock = WallClockDriver.start(veo::advance, Duration.ofMillis(200));
        platform = Platform.start(new PlatformOptions(REPO_ROOT, dataDir, database.jdbcUrl(), database.username(),
                database.password(), FreePort.pick(), 1, 0, key, Map.of("GOBLINA_ADMIN_API_KEY", adminKey,
                        "GOBLINA_VEO_API_KEY", "test-veo-e2e-key", "GOBLINA_VEO_BASE_URL", veo.baseUrl().toString(),
                        "GOBLINA_VEO_DOWNLOAD_HOSTS", veo.downloadHost(), "GOBLINA_VEO_POLL_INTERVAL", "1s")));
        api = new ApiClient(platform.apiUrl(), key);
    }

    /** A 4-second clip rendered by our own renderer, which the Veo fake serves as every generated video. */
    private static Path providerClip(Path dir) {
        try {
            Path image = dir.resolve("provider-character.png");
            Files.copy(REPO_ROOT.resolve("examples/ms-goblina.png"), image);
            Path clip = dir.resolve("provider-clip.mp4");
            new ClipRenderer().render(new ClipRenderer.ClipSpec(160, 288, 12, 4, java.util.List.of("#4f9a3a", "#7a2e8c"),
                    null), image, clip);
            return clip;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @AfterAll
    void stop() {
        if (platform != null) {
            platform.close();
        }
        if (veoClock != null) {
            veoClock.close();
            veo.close();
        }
    }

    @Test
    void aSecondTenantAndKeyMadeWithOneCommandEachWorkAndARevokedKeyStopsAtOnce(@TempDir Path elsewhere) throws Exception {
        Map<String, String> env = Map.of("GOBLINA_API_URL", platform.apiUrl().toString(), "GOBLINA_ADMIN_API_KEY", adminKey);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        java.io.PrintStream console = new java.io.PrintStream(out, true, StandardCharsets.UTF_8);
        java.io.PrintStream errors = new java.io.PrintStream(err, true, StandardCharsets.UTF_8);

        int created = Admin.run(java.util.List.of("tenants", "create", "Second Studio", "--daily-budget-cents", "700"),
                env, elsewhere, console, errors);
        assertThat(created).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Tenant created.").contains("$7.00");

        out.reset();
        int issued = Admin.run(java.util.List.of("keys", "create", "Second Studio", "--name", "zapier"), env, elsewhere,
                console, errors);
        assertThat(issued).as(err.toString(StandardCharsets.UTF_8)).isZero();
        java.util.regex.Matcher shown = java.util.regex.Pattern.compile("gob_live_[A-Za-z0-9_-]{43}")
                .matcher(out.toString(StandardCharsets.UTF_8));
        assertThat(shown.find()).as(out.toString(StandardCharsets.UTF_8)).isTrue();
        String secondKey = shown.group();

        HttpResponse<String> theirs = http.send(HttpRequest.newBuilder(url("/v1/projects"))
                .header("Authorization", "Bearer " + secondKey).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(theirs.statusCode()).as(theirs.body()).isEqualTo(200);
        assertThat(json.readTree(theirs.body()).get("items")).as("a new tenant sees none of the first one's projects").isEmpty();

        out.reset();
        assertThat(Admin.run(java.util.List.of("keys", "list", "Second Studio"), env, elsewhere, console, errors)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains(secondKey.substring(0, 15)).contains("zapier")
                .contains("live").doesNotContain(secondKey);

        assertThat(Admin.run(java.util.List.of("keys", "revoke", secondKey.substring(0, 15)), env, elsewhere, console, errors))
                .isZero();
        HttpResponse<String> revoked = http.send(HttpRequest.newBuilder(url("/v1/projects"))
                .header("Authorization", "Bearer " + secondKey).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(revoked.statusCode()).isEqualTo(401);

        out.reset();
        assertThat(Admin.run(java.util.List.of("audit", "--tenant", "Second Studio"), env, elsewhere, console, errors)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("key.revoked").contains("key.issued").contains("tenant.created");

        err.reset();
        assertThat(Admin.run(java.util.List.of("tenants", "create", "second studio"), env, elsewhere, console, errors))
                .isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("409").contains("exists already");
    }

    @Test
    void aShortMadeThroughVeoPaysOneCreateAndOneDownloadPerClip() throws Exception {
        String characterId = readyCharacter();
        String body = json.writeValueAsString(Map.of("characterId", characterId, "topic", "goblin latte art",
                "preset", "deadpan", "scenarioCount", 2, "clipSeconds", 4, "transition", "cut",
                "video", Map.of("provider", "veo", "model", "veo-3.1-lite-generate-preview")));
        int creates = veo.creates();
        int polls = veo.polls();
        int downloads = veo.downloads();
        String projectId = send(HttpRequest.newBuilder(url("/v1/projects")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)), 202).get("id").asText();
        JsonNode done = finished(projectId);

        assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("DONE");
        done.get("scenarios").forEach(s -> assertThat(s.get("clip").get("status").asText()).isEqualTo("READY"));
        assertThat(veo.creates() - creates).as("one paid create per clip").isEqualTo(2);
        assertThat(veo.downloads() - downloads).as("one download per clip").isEqualTo(2);
        assertThat(veo.lastCreate()).hasValueSatisfying(create -> {
            assertThat(create.model()).isEqualTo("veo-3.1-lite-generate-preview");
            assertThat(create.aspectRatio()).isEqualTo("9:16");
            assertThat(create.durationSeconds()).isEqualTo(4);
            assertThat(create.imageKind()).isEqualTo("start");
        });
        Path video = Files.createTempFile("e2e-veo", ".mp4");
        HttpResponse<Path> download = http.send(authorized(HttpRequest.newBuilder(url("/v1/projects/" + projectId + "/video")))
                .GET().build(), HttpResponse.BodyHandlers.ofFile(video));
        assertThat(download.statusCode()).isEqualTo(200);
        MediaInfo info = new MediaProbe().probe(video);
        assertThat(info.durationSeconds()).isCloseTo(8.0, org.assertj.core.data.Offset.offset(0.3));
        assertThat(info.width()).isEqualTo(1080);
        assertThat(info.height()).isEqualTo(1920);
        Files.delete(video);
        System.out.printf("veo calls per clip: creates %.1f, polls %.1f, downloads %.1f%n", (veo.creates() - creates) / 2.0,
                (veo.polls() - polls) / 2.0, (veo.downloads() - downloads) / 2.0);
    }

    @Test
    void aCharacterAndATopicBecomeAVerticalShortWithOneClipPerScenario() throws Exception {
        // given a character uploaded over REST and analysed by a worker
        byte[] image = Files.readAllBytes(REPO_ROOT.resolve("examples/ms-goblina.png"));
        JsonNode created = send(multipart("Ms. Goblina", image), 202);
        String characterId = created.get("id").asText();
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
                .until(() -> get("/v1/characters/" + characterId).get("status").asText(), s -> !s.equals("ANALYZING"));
        JsonNode character = get("/v1/characters/" + characterId);
        assertThat(character.get("status").asText()).isEqualTo("READY");
        assertThat(character.get("styleGuide").get("palette").get(0).asText()).matches("#[0-9a-f]{6}");

        // when a 3-scenario project is made
        String body = json.writeValueAsString(Map.of("characterId", characterId,
                "topic", "why goblins make the best baristas", "preset", "sassy", "scenarioCount", 3, "clipSeconds", 4,
                // a hard cut keeps the short exactly as long as its clips; the default crossfade overlaps them
                "transition", "cut"));
        JsonNode project = send(HttpRequest.newBuilder(url("/v1/projects")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)), 202);
        String projectId = project.get("id").asText();
        AtomicReference<JsonNode> last = new AtomicReference<>();
        await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            last.set(get("/v1/projects/" + projectId));
            return Map.of("DONE", 1, "FAILED", 1, "CANCELLED", 1).containsKey(last.get().get("status").asText());
        });

        // then it is DONE with three ready clips and a video that reads back as asked
        JsonNode done = last.get();
        assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("DONE");
        assertThat(done.get("progress").asInt()).isEqualTo(100);
        assertThat(done.get("scenarios")).hasSize(3);
        done.get("scenarios").forEach(s -> assertThat(s.get("clip").get("status").asText()).isEqualTo("READY"));
        assertThat(done.get("timings").findValuesAsText("job")).contains("AnalyzeCharacter", "WriteScenarios",
                "SubmitClip", "PollClip", "AssembleProject");

        Path video = Files.createTempFile("e2e-short", ".mp4");
        HttpResponse<Path> download = http.send(authorized(HttpRequest.newBuilder(url("/v1/projects/" + projectId + "/video")))
                .GET().build(), HttpResponse.BodyHandlers.ofFile(video));
        assertThat(download.statusCode()).isEqualTo(200);
        MediaInfo info = new MediaProbe().probe(video);
        double clipsSum = 3 * 4.0;
        assertThat(info.durationSeconds()).isCloseTo(clipsSum, org.assertj.core.data.Offset.offset(0.2));
        assertThat(info.width()).isEqualTo(1080);
        assertThat(info.height()).isEqualTo(1920);
        assertThat(info.frameRate()).isCloseTo(30.0, org.assertj.core.data.Offset.offset(0.01));
        assertThat(info.videoCodec()).isEqualTo("h264");
        assertThat(info.audioCodec()).isEqualTo("aac");
        assertThat(done.get("video").get("durationSeconds").asDouble()).isCloseTo(info.durationSeconds(),
                org.assertj.core.data.Offset.offset(0.05));
        Files.delete(video);

        // and both processes tell Prometheus what happened, in its text format
        String api = scrape(platform.apiUrl().resolve("/prometheus"));
        assertThat(api).contains("goblina_jobrunr_jobs{", "state=\"succeeded\"", "http_server_requests_seconds_count",
                "goblina_tenant_daily_budget_cents{", "goblina_cost_today_cents{", "jvm_memory_used_bytes",
                "hikaricp_connections");
        // a worker serves no HTTP but its health and metrics: the first scrape is the request the second one counts
        scrape(platform.workerUrls().get(0).resolve("/prometheus"));
        String worker = scrape(platform.workerUrls().get(0).resolve("/prometheus"));
        for (String stage : new String[] {"analysis", "scenarios", "clips", "assembly"}) {
            assertThat(worker).as("stage %s", stage)
                    .containsPattern("goblina_jobs_started_total\\{[^}]*stage=\"" + stage + "\"")
                    .containsPattern("goblina_jobs_succeeded_total\\{[^}]*stage=\"" + stage + "\"")
                    .containsPattern("goblina_job_queue_wait_seconds_bucket\\{[^}]*stage=\"" + stage + "\"")
                    .containsPattern("goblina_job_run_seconds_bucket\\{[^}]*stage=\"" + stage + "\"");
        }
        assertThat(worker).contains("goblina_assembly_realtime_factor_count", "goblina_assembly_seconds_count",
                "jvm_memory_used_bytes", "hikaricp_connections", "http_server_requests_seconds_count");
        // the families that count failures exist before the first failure, so dashboards never show "no data"
        assertThat(worker).contains("goblina_jobs_failed_total{", "goblina_job_retries_total{",
                "goblina_jobs_failed_for_good_total{");
        assertThat(api + worker).as("no label holds an id").doesNotContainPattern(
                "\\{[^}]*[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}[^}]*\\}");
    }

    @Test
    void everyMetricTheGrafanaDashboardsReadIsServedByTheApiOrAWorkerOnceAShortIsMade() throws Exception {
        // given a short made through Veo, so that the provider families have samples as well as the stages'
        String body = json.writeValueAsString(Map.of("characterId", readyCharacter(), "topic", "goblins reading charts",
                "preset", "deadpan", "scenarioCount", 1, "clipSeconds", 4, "transition", "cut",
                "video", Map.of("provider", "veo", "model", "veo-3.1-lite-generate-preview")));
        String projectId = send(HttpRequest.newBuilder(url("/v1/projects")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)), 202).get("id").asText();
        JsonNode done = finished(projectId);
        assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("DONE");

        // when the API and a worker are scraped, and the dashboards' queries read
        Exposition served = Exposition.of(scrape(platform.apiUrl().resolve("/prometheus")),
                scrape(platform.workerUrls().get(0).resolve("/prometheus")));
        TreeMap<String, TreeSet<String>> read = DashboardQueries.metricsByDashboard(REPO_ROOT.resolve("dashboards"));

        // then every name a dashboard reads is one of theirs
        assertThat(served.families()).as("families served").isPositive();
        assertThat(read).as("dashboards/*.json").isNotEmpty();
        TreeMap<String, TreeSet<String>> missing = new TreeMap<>();
        read.forEach((dashboard, names) -> {
            assertThat(names).as("metric names %s reads", dashboard).isNotEmpty();
            names.stream().filter(name -> !served.serves(name))
                    .forEach(name -> missing.computeIfAbsent(dashboard, d -> new TreeSet<>()).add(name));
        });
        System.out.printf("dashboards read %s%n", read);
        assertThat(missing).as("names the dashboards read that neither the API nor a worker serves").isEmpty();
    }

    @Test
    void aProviderOrAModelThatNoRunningWorkerOffersIsRefusedByName() throws Exception {
        // the worker has no Sora key, and its local generator offers one model: once it has advertised, the API knows
        String sora = json.writeValueAsString(Map.of("characterId", java.util.UUID.randomUUID().toString(),
                "topic", "coffee", "preset", "sassy", "video", Map.of("provider", "sora")));
        await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(500))
                .until(() -> refusal(sora), r -> r.contains("no running worker offers it"));
        JsonNode refused = json.readTree(refusal(sora));
        assertThat(refused.get("errors").get(0).get("field").asText()).isEqualTo("video.provider");
        assertThat(refused.get("errors").get(0).get("reason").asText()).contains("one of local");

        String model = json.writeValueAsString(Map.of("characterId", java.util.UUID.randomUUID().toString(),
                "topic", "coffee", "preset", "sassy", "video", Map.of("provider", "local", "model", "local-deluxe")));
        JsonNode wrongModel = json.readTree(refusal(model));
        assertThat(wrongModel.get("errors").get(0).get("field").asText()).isEqualTo("video.model");
        assertThat(wrongModel.get("errors").get(0).get("reason").asText())
                .contains("'local-deluxe' is not offered for local", "local-ffmpeg");
    }

    private String refusal(String body) throws Exception {
        HttpResponse<String> response = http.send(authorized(HttpRequest.newBuilder(url("/v1/projects")))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        return response.body();
    }

    private String readyCharacter() throws Exception {
        return api.readyCharacter("Ms. Goblina", REPO_ROOT.resolve("examples/ms-goblina.png"));
    }

    private JsonNode finished(String projectId) {
        return api.finished(projectId, Duration.ofMinutes(4));
    }

    private String scrape(URI uri) throws Exception {
        return api.scrape(uri);
    }

    private URI url(String path) {
        return api.url(path);
    }

    private HttpRequest.Builder authorized(HttpRequest.Builder request) {
        return api.authorized(request);
    }

    private JsonNode get(String path) throws Exception {
        return api.get(path);
    }

    private JsonNode send(HttpRequest.Builder request, int expectedStatus) throws Exception {
        return api.send(request, expectedStatus);
    }

    private HttpRequest.Builder multipart(String name, byte[] png) {
        return api.multipart(name, png);
    }
}
