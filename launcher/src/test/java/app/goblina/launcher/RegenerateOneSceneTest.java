package app.goblina.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import app.goblina.launcher.processes.Platform;
import app.goblina.launcher.processes.PlatformOptions;
import app.goblina.tenants.ApiKeys;
import app.goblina.testkit.FreePort;
import app.goblina.testkit.S3Server;
import app.goblina.testkit.TestDatabase;
import app.goblina.testkit.TestPostgres;
import app.goblina.testkit.TestS3;
import app.goblina.testkit.fakes.fal.FakeFalServer;
import app.goblina.testkit.fakes.video.Fault;
import app.goblina.testkit.fakes.video.WallClockDriver;
import app.goblina.worker.media.ClipRenderer;
import app.goblina.worker.media.MediaProbe;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regenerating one scene of a finished short: the API and a worker as separate processes started by the launcher
 * (the worker's JobRunr BackgroundJobServer runs the jobs), a real PostgreSQL, a real S3-compatible server, and
 * fal's fake in real time. After the short is DONE, the fake is made to serve another video, so the regenerated
 * scene's clip is told apart from the first one by its bytes.
 */
class RegenerateOneSceneTest {

    private static final Path REPO_ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final String FAL_KEY = "test-fal-regenerate-key";
    private static final String MODEL = "fal-ai/kling-video/v2.5-turbo/pro/image-to-video";
    private static final int SCENES = 2;
    private static final int CLIP_SECONDS = 5;

    @Test
    void aRegenerationPaysTheProviderOnceForTheOneSceneAndServesTheOldShortUntilTheNewOneIsDone(@TempDir Path dataDir)
            throws Exception {
        TestDatabase database = TestPostgres.newDatabase();
        S3Server s3 = TestS3.server();
        String bucket = TestS3.newBucket();
        String key = ApiKeys.newKey("gob_e2e_");
        int apiPort = FreePort.pick();
        Path served = dataDir.resolve("provider-clip.mp4");
        Files.copy(providerClip(dataDir, "first", List.of("#4f9a3a", "#7a2e8c")), served);
        Path second = providerClip(dataDir, "second", List.of("#d43c2a", "#2a6fd4"));
        try (FakeFalServer fal = FakeFalServer.builder(FAL_KEY, served).queueFor(Duration.ofSeconds(1))
                .renderFor(Duration.ofSeconds(6)).start()) {
            WallClockDriver clock = WallClockDriver.start(fal::advance, Duration.ofMillis(200));
            Map<String, String> env = Map.ofEntries(Map.entry("GOBLINA_FAL_KEY", FAL_KEY),
                    Map.entry("GOBLINA_FAL_QUEUE_URL", fal.queueUrl().toString()),
                    Map.entry("GOBLINA_FAL_PLATFORM_URL", fal.platformUrl().toString()),
                    Map.entry("GOBLINA_FAL_DOWNLOAD_HOSTS", fal.downloadHost()),
                    Map.entry("GOBLINA_FAL_POLL_INTERVAL", "1s"),
                    Map.entry("GOBLINA_STORAGE_KIND", "s3"),
                    Map.entry("GOBLINA_STORAGE_ENDPOINT", s3.endpoint().toString()),
                    Map.entry("GOBLINA_STORAGE_REGION", s3.region()), Map.entry("GOBLINA_STORAGE_BUCKET", bucket),
                    Map.entry("GOBLINA_STORAGE_ACCESS_KEY", s3.accessKey()),
                    Map.entry("GOBLINA_STORAGE_SECRET_KEY", s3.secretKey()));
            try (Platform platform = Platform.start(new PlatformOptions(REPO_ROOT, dataDir, database.jdbcUrl(),
                    database.username(), database.password(), apiPort, 1, 0, key, env))) {
                ApiClient api = new ApiClient(platform.apiUrl(), key);
                String characterId = api.readyCharacter("Ms. Goblina", REPO_ROOT.resolve("examples/ms-goblina.png"));
                String projectId = api.startProject(Map.of("characterId", characterId, "topic", "goblin latte art",
                        "preset", "deadpan", "scenarioCount", SCENES, "clipSeconds", CLIP_SECONDS, "transition", "cut",
                        "video", Map.of("provider", "fal", "model", MODEL)));
                JsonNode done = api.finished(projectId, Duration.ofSeconds(120));
                assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("DONE");
                assertThat(fal.creates()).as("one paid submit per scene").isEqualTo(SCENES);
                byte[] firstShort = download(api, "/v1/projects/" + projectId + "/video");
                byte[] scene0 = download(api, "/v1/projects/" + projectId + "/scenarios/0/clip");
                byte[] scene1 = download(api, "/v1/projects/" + projectId + "/scenarios/1/clip");
                assertThat(scene1).isEqualTo(Files.readAllBytes(served));

                // the provider makes another video from now on
                Files.copy(second, served, StandardCopyOption.REPLACE_EXISTING);
                HttpResponse<String> accepted = api.exchange(HttpRequest.newBuilder(api.url("/v1/projects/" + projectId
                        + "/scenarios/1/regenerate")).POST(HttpRequest.BodyPublishers.noBody()));
                assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
                assertThat(accepted.body()).contains("\"status\":\"GENERATING\"");

                // while the new clip renders at the provider, the short on record is the first one
                String before = api.get("/v1/projects/" + projectId).get("status").asText();
                byte[] duringRegeneration = download(api, "/v1/projects/" + projectId + "/video");
                String after = api.get("/v1/projects/" + projectId).get("status").asText();
                assertThat(List.of(before, after)).as("read while the regeneration ran").doesNotContain("DONE");
                assertThat(duringRegeneration).isEqualTo(firstShort);

                JsonNode again = api.finished(projectId, Duration.ofSeconds(120));
                assertThat(again.get("status").asText()).as(again.toString()).isEqualTo("DONE");
                assertThat(fal.creates()).as("one more paid submit, for the one scene").isEqualTo(SCENES + 1);
                assertThat(download(api, "/v1/projects/" + projectId + "/scenarios/0/clip"))
                        .as("the other scene's clip is the one it had").isEqualTo(scene0);
                byte[] newScene1 = download(api, "/v1/projects/" + projectId + "/scenarios/1/clip");
                assertThat(newScene1).as("the regenerated scene's clip is the provider's new video")
                        .isEqualTo(Files.readAllBytes(second)).isNotEqualTo(scene1);
                byte[] secondShort = download(api, "/v1/projects/" + projectId + "/video");
                assertThat(secondShort).as("a new short").isNotEqualTo(firstShort);
                Path video = dataDir.resolve("second-short.mp4");
                Files.write(video, secondShort);
                assertThat(new MediaProbe().probe(video).durationSeconds())
                        .isCloseTo(SCENES * (double) CLIP_SECONDS, Offset.offset(0.3));
                assertThat(again.get("scenarios").get(1).get("clip").get("status").asText()).isEqualTo("READY");
            } finally {
                clock.close();
            }
        }
    }

    @Test
    void aRegenerationWithANewLineGivesTheSceneItsTextAndANewNarration(@TempDir Path dataDir) throws Exception {
        TestDatabase database = TestPostgres.newDatabase();
        String key = ApiKeys.newKey("gob_e2e_");
        int apiPort = FreePort.pick();
        try (Platform platform = Platform.start(new PlatformOptions(REPO_ROOT, dataDir, database.jdbcUrl(),
                database.username(), database.password(), apiPort, 1, 0, key, Map.of()))) {
            ApiClient api = new ApiClient(platform.apiUrl(), key);
            String characterId = api.readyCharacter("Ms. Goblina", REPO_ROOT.resolve("examples/ms-goblina.png"));
            String projectId = api.startProject(Map.of("characterId", characterId, "topic", "goblin tea",
                    "preset", "wholesome", "scenarioCount", SCENES, "clipSeconds", 2,
                    "narration", Map.of("provider", "local")));
            JsonNode done = api.finished(projectId, Duration.ofSeconds(120));
            assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("DONE");
            List<String> firstNarrations = narrationKeys(database, projectId);
            byte[] firstClip = download(api, "/v1/projects/" + projectId + "/scenarios/0/clip");
            String otherLine = done.get("scenarios").get(1).get("caption").asText();

            HttpResponse<String> accepted = api.exchange(HttpRequest.newBuilder(api.url("/v1/projects/" + projectId
                    + "/scenarios/0/regenerate")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"caption\": \"A brand new line for the goblin\"}")));
            assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
            JsonNode again = api.finished(projectId, Duration.ofSeconds(120));

            assertThat(again.get("status").asText()).as(again.toString()).isEqualTo("DONE");
            assertThat(again.get("scenarios").get(0).get("caption").asText()).isEqualTo("A brand new line for the goblin");
            assertThat(again.get("scenarios").get(0).get("narration").asText()).isEqualTo("READY");
            assertThat(again.get("scenarios").get(1).get("caption").asText()).isEqualTo(otherLine);
            List<String> narrations = narrationKeys(database, projectId);
            assertThat(narrations.get(0)).as("a new narration file for the new line").isNotEqualTo(firstNarrations.get(0));
            assertThat(narrations.get(1)).as("the other scene keeps its narration").isEqualTo(firstNarrations.get(1));
            assertThat(ledgerLines(database, projectId, "narration")).as("one more narration paid").isEqualTo(SCENES + 1);
            assertThat(ledgerLines(database, projectId, "video")).as("one more clip paid").isEqualTo(SCENES + 1);
            assertThat(download(api, "/v1/projects/" + projectId + "/scenarios/0/clip")).as("a new clip for the scene")
                    .isNotEqualTo(firstClip);
        }
    }

    @Test
    void aWorkerKilledDuringTheRegeneratedSubmitIsResumedByItsSuccessorWithoutASecondPayment(@TempDir Path dataDir)
            throws Exception {
        TestDatabase database = TestPostgres.newDatabase();
        String key = ApiKeys.newKey("gob_e2e_");
        int apiPort = FreePort.pick();
        Path served = providerClip(dataDir, "first", List.of("#4f9a3a", "#7a2e8c"));
        try (FakeFalServer fal = FakeFalServer.builder(FAL_KEY, served).queueFor(Duration.ofSeconds(1))
                .renderFor(Duration.ofSeconds(2)).start()) {
            WallClockDriver clock = WallClockDriver.start(fal::advance, Duration.ofMillis(200));
            Map<String, String> env = Map.of("GOBLINA_FAL_KEY", FAL_KEY, "GOBLINA_FAL_QUEUE_URL",
                    fal.queueUrl().toString(), "GOBLINA_FAL_PLATFORM_URL", fal.platformUrl().toString(),
                    "GOBLINA_FAL_DOWNLOAD_HOSTS", fal.downloadHost(), "GOBLINA_FAL_POLL_INTERVAL", "1s");
            try (Platform platform = Platform.start(new PlatformOptions(REPO_ROOT, dataDir, database.jdbcUrl(),
                    database.username(), database.password(), apiPort, 1, 0, key, env))) {
                ApiClient api = new ApiClient(platform.apiUrl(), key);
                String characterId = api.readyCharacter("Ms. Goblina", REPO_ROOT.resolve("examples/ms-goblina.png"));
                String projectId = api.startProject(Map.of("characterId", characterId, "topic", "goblin latte art",
                        "preset", "deadpan", "scenarioCount", SCENES, "clipSeconds", CLIP_SECONDS, "transition", "cut",
                        "video", Map.of("provider", "fal", "model", MODEL)));
                assertThat(api.finished(projectId, Duration.ofSeconds(120)).get("status").asText()).isEqualTo("DONE");
                assertThat(fal.creates()).isEqualTo(SCENES);
                List<Long> workers = workerPids(dataDir);
                assertThat(workers).as("the platform's one worker").hasSize(1);

                // fal takes the regenerated scene's submit (the generation exists, and is paid) but answers late
                fal.fail(FakeFalServer.Endpoint.SUBMIT, Fault.slow(Duration.ofSeconds(30)), 1);
                HttpResponse<String> accepted = api.exchange(HttpRequest.newBuilder(api.url("/v1/projects/" + projectId
                        + "/scenarios/0/regenerate")).POST(HttpRequest.BodyPublishers.noBody()));
                assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
                org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> fal.creates() == SCENES + 1);
                Thread.sleep(500);
                long killed = workers.getFirst();
                Process kill = new ProcessBuilder("kill", "-9", Long.toString(killed)).inheritIO().start();
                assertThat(kill.waitFor()).as("kill -9 " + killed).isZero();
                org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30))
                        .until(() -> ProcessHandle.of(killed).map(p -> !p.isAlive()).orElse(true));

                JsonNode again = api.finished(projectId, Duration.ofMinutes(4));
                assertThat(again.get("status").asText()).as(again.toString()).isEqualTo("DONE");
                assertThat(workerPids(dataDir)).as("a new worker process took over").doesNotContain(killed).isNotEmpty();
                assertThat(fal.creates()).as("the regenerated scene was submitted once").isEqualTo(SCENES + 1);
                assertThat(ledgerLines(database, projectId, "video")).as("and paid once").isEqualTo(SCENES + 1);
                assertThat(again.get("scenarios").get(0).get("clip").get("status").asText()).isEqualTo("READY");
            } finally {
                clock.close();
            }
        }
    }

    /** The platform's worker processes, read from /proc: their command lines name its data directory. */
    private static List<Long> workerPids(Path dataDir) throws java.io.IOException {
        String marker = "-Dgoblina.dataDir=" + dataDir;
        List<Long> pids = new java.util.ArrayList<>();
        try (java.util.stream.Stream<Path> processes = Files.list(Path.of("/proc"))) {
            for (Path process : processes.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    List<String> arguments = List.of(Files.readString(process.resolve("cmdline")).split("\0"));
                    if (arguments.contains(marker) && arguments.contains("app.goblina.worker.WorkerApplication")) {
                        pids.add(Long.parseLong(process.getFileName().toString()));
                    }
                } catch (java.io.IOException ended) {
                    // a process that ended while being looked at
                }
            }
        }
        return pids;
    }

    private static List<String> narrationKeys(TestDatabase database, String projectId) throws Exception {
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.username(),
                database.password());
                PreparedStatement select = connection.prepareStatement(
                        "SELECT narration_key FROM scenarios WHERE project_id = ?::uuid ORDER BY idx")) {
            select.setString(1, projectId);
            List<String> keys = new java.util.ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    keys.add(rows.getString(1));
                }
            }
            return keys;
        }
    }

    private static long ledgerLines(TestDatabase database, String projectId, String purpose) throws Exception {
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.username(),
                database.password());
                PreparedStatement select = connection.prepareStatement("SELECT count(*) FROM cost_entries "
                        + "WHERE project_id = ?::uuid AND purpose = ? AND state IN ('RESERVED', 'SETTLED')")) {
            select.setString(1, projectId);
            select.setString(2, purpose);
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    /** A download as a browser makes it: the API's answer, or the presigned link it redirects to, without the key. */
    private static byte[] download(ApiClient api, String path) throws Exception {
        try (HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build()) {
            HttpResponse<byte[]> answer = http.send(api.authorized(HttpRequest.newBuilder(api.url(path))).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (answer.statusCode() / 100 == 3) {
                URI location = api.url(path).resolve(answer.headers().firstValue("Location").orElseThrow());
                answer = http.send(HttpRequest.newBuilder(location).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            }
            assertThat(answer.statusCode()).as(path).isEqualTo(200);
            return answer.body();
        }
    }

    /** A 5-second clip rendered by our own renderer in these colours, which fal's fake serves as a generated video. */
    private static Path providerClip(Path dir, String name, List<String> palette) throws java.io.IOException {
        Path image = dir.resolve(name + "-character.png");
        Files.copy(REPO_ROOT.resolve("examples/ms-goblina.png"), image);
        Path clip = dir.resolve(name + "-clip.mp4");
        new ClipRenderer().render(new ClipRenderer.ClipSpec(160, 288, 12, CLIP_SECONDS, palette, null), image, clip);
        return clip;
    }
}
