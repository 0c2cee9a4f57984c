package app.goblina.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import app.goblina.launcher.processes.Platform;
import app.goblina.launcher.processes.PlatformOptions;
import app.goblina.tenants.ApiKeys;
import app.goblina.testkit.FreePort;
import app.goblina.testkit.TestDatabase;
import app.goblina.testkit.TestPostgres;
import app.goblina.testkit.fakes.fal.FakeFalServer;
import app.goblina.testkit.fakes.video.WallClockDriver;
import app.goblina.worker.media.ClipRenderer;
import app.goblina.worker.media.MediaProbe;
import app.goblina.worker.media.MediaProbe.MediaInfo;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Shorts made through fal's queue: the API and a worker as separate processes started by the launcher, a real
 * PostgreSQL, and fal's fake in real time. Once with fal's webhooks sent to the API's {@code /v1/webhooks/fal}
 * (signed, and checked against the fake's published keys) and a poll too slow to matter, once polling alone; each
 * prints the fal calls a clip cost.
 */
class ShortsThroughFalTest {

    private static final Path REPO_ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final String FAL_KEY = "test-fal-e2e-key";
    private static final String MODEL = "fal-ai/kling-video/v2.5-turbo/pro/image-to-video";
    private static final int CLIPS = 2;
    /** Both shorts' clips queue for a second and render for twelve, so the two ways compare on one timeline. */
    private static final Duration QUEUED = Duration.ofSeconds(1);
    private static final Duration RENDERING = Duration.ofSeconds(12);

    @Test
    void aShortMadeWithFalsWebhooksIsPolledOnlyWhenFalSaysAClipHasEnded(@TempDir Path dataDir) throws Exception {
        // a poll every two minutes: only the webhook can make this short in time
        Calls calls = makeAShort(dataDir, true, Duration.ofMinutes(2));

        assertThat(calls.fal().webhookAnswers()).as("one delivery per clip, each taken").hasSize(CLIPS)
                .allSatisfy(status -> assertThat(status).isEqualTo(202));
        assertThat(calls.polls()).as("one look per clip, when its webhook came").isEqualTo(CLIPS);
        calls.print("with webhooks");
    }

    @Test
    void aShortMadeWithoutWebhooksIsPolledUntilEachClipHasEnded(@TempDir Path dataDir) throws Exception {
        Calls calls = makeAShort(dataDir, false, Duration.ofSeconds(1));

        assertThat(calls.fal().webhookAnswers()).as("nothing asked for a webhook").isEmpty();
        // a clip queues for a second and renders for twelve: polls find clips still running before they end
        assertThat(calls.polls()).as("looks until each clip ended").isGreaterThan(CLIPS);
        calls.print("without webhooks");
    }

    /** What one short cost at fal. */
    private record Calls(FakeFalServer fal, int submits, int polls, int resultFetches, int downloads, int cancels) {
        void print(String how) {
            System.out.printf("fal calls per clip %s: submits %.1f, status polls %.1f, result fetches %.1f, downloads %.1f%n",
                    how, submits / (double) CLIPS, polls / (double) CLIPS, resultFetches / (double) CLIPS,
                    downloads / (double) CLIPS);
        }
    }

    private Calls makeAShort(Path dataDir, boolean webhooks, Duration pollInterval) throws Exception {
        TestDatabase database = TestPostgres.newDatabase();
        String key = ApiKeys.newKey("gob_e2e_");
        int apiPort = FreePort.pick();
        try (FakeFalServer fal = FakeFalServer.builder(FAL_KEY, providerClip(dataDir)).queueFor(QUEUED).renderFor(RENDERING)
                .start()) {
            WallClockDriver clock = WallClockDriver.start(fal::advance, Duration.ofMillis(200));
            Map<String, String> env = new HashMap<>(Map.of("GOBLINA_FAL_KEY", FAL_KEY,
                    "GOBLINA_FAL_QUEUE_URL", fal.queueUrl().toString(), "GOBLINA_FAL_PLATFORM_URL", fal.platformUrl().toString(),
                    "GOBLINA_FAL_DOWNLOAD_HOSTS", fal.downloadHost(), "GOBLINA_FAL_POLL_INTERVAL", pollInterval.toSeconds() + "s",
                    "GOBLINA_FAL_JWKS_URL", fal.jwksUrl().toString()));
            if (webhooks) {
                env.put("GOBLINA_FAL_WEBHOOK_URL", "http://127.0.0.1:" + apiPort + "/v1/webhooks/fal");
            }
            try (Platform platform = Platform.start(new PlatformOptions(REPO_ROOT, dataDir, database.jdbcUrl(),
                    database.username(), database.password(), apiPort, 1, 0, key, env))) {
                ApiClient api = new ApiClient(platform.apiUrl(), key);
                String characterId = api.readyCharacter("Ms. Goblina", REPO_ROOT.resolve("examples/ms-goblina.png"));
                int submits = fal.creates();
                int polls = fal.polls();
                int results = fal.resultFetches();
                int downloads = fal.downloads();
                String projectId = api.startProject(Map.of("characterId", characterId, "topic", "goblin latte art",
                        "preset", "deadpan", "scenarioCount", CLIPS, "clipSeconds", 5, "transition", "cut",
                        "video", Map.of("provider", "fal", "model", MODEL)));
                JsonNode done = api.finished(projectId, Duration.ofSeconds(90));

                assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("DONE");
                done.get("scenarios").forEach(s -> assertThat(s.get("clip").get("status").asText()).isEqualTo("READY"));
                Calls calls = new Calls(fal, fal.creates() - submits, fal.polls() - polls, fal.resultFetches() - results,
                        fal.downloads() - downloads, fal.cancels());
                assertThat(calls.submits()).as("one paid submit per clip").isEqualTo(CLIPS);
                // the poll reads the result when a clip completes; the download reads it afresh for a live output link
                assertThat(calls.resultFetches()).as("two result reads per clip").isEqualTo(2 * CLIPS);
                assertThat(calls.downloads()).as("one download per clip").isEqualTo(CLIPS);
                assertThat(calls.cancels()).isZero();
                assertThat(fal.lastInput()).hasValueSatisfying(input -> {
                    assertThat(input.get("duration")).as("Kling takes its length as a string").isEqualTo("5");
                    assertThat(input.get("prompt").toString()).isNotBlank();
                    assertThat(input.get("image_url").toString()).startsWith("data:image/");
                    assertThat(input.keySet()).as("Kling's frame follows the image").isEqualTo(
                            Set.of("prompt", "image_url", "duration"));
                });

                Path video = api.downloadShort(projectId);
                MediaInfo info = new MediaProbe().probe(video);
                assertThat(info.durationSeconds()).isCloseTo(CLIPS * 5.0, Offset.offset(0.3));
                assertThat(info.width()).isEqualTo(1080);
                assertThat(info.height()).isEqualTo(1920);
                Files.delete(video);
                return calls;
            } finally {
                clock.close();
            }
        }
    }

    /** A 5-second clip rendered by our own renderer, which fal's fake serves as every generated video. */
    private static Path providerClip(Path dir) throws java.io.IOException {
        Path image = dir.resolve("provider-character.png");
        Files.copy(REPO_ROOT.resolve("examples/ms-goblina.png"), image);
        Path clip = dir.resolve("provider-clip.mp4");
        new ClipRenderer().render(new ClipRenderer.ClipSpec(160, 288, 12, 5, List.of("#4f9a3a", "#7a2e8c"), null), image,
                clip);
        return clip;
    }
}
