package app.goblina.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import app.goblina.tenants.ApiKeys;
import app.goblina.testkit.FreePort;
import app.goblina.testkit.TestDatabase;
import app.goblina.testkit.TestPostgres;
import app.goblina.worker.media.LoudnessMeter;
import app.goblina.worker.media.LoudnessMeter.Loudness;
import app.goblina.worker.media.MediaProbe;
import app.goblina.worker.media.MediaProbe.MediaInfo;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sound of a short made on the defaults of {@code ./goblina up}: the launcher's {@code Up} in a JVM of its own,
 * as the script runs it, with the API and a worker as its children, on a real PostgreSQL and a local blob folder.
 * The project names no narration and no music, so it gets the embedded mode's: the local narrator (espeak-ng)
 * over the soft-pad music, loudness-normalized.
 */
class UpNarratesShortsTest {

    private static final Path REPO_ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void aProjectOnTheDefaultsOfGoblinaUpIsNarratedOverTheSoftPadAtMinus14Lufs(@TempDir Path dataDir) throws Exception {
        TestDatabase database = TestPostgres.newDatabase();
        int apiPort = FreePort.pick();
        String key = ApiKeys.newKey("gob_dev_");
        Path log = dataDir.resolve("up.log");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "app.goblina.launcher.cli.Up")
                .directory(REPO_ROOT.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("GOBLINA_PROVIDERS_"));
        builder.environment().putAll(Map.of("GOBLINA_DATA_DIR", dataDir.toString(),
                "GOBLINA_API_PORT", String.valueOf(apiPort), "GOBLINA_DASHBOARD_PORT", "0", "GOBLINA_WORKERS", "1",
                "GOBLINA_API_KEY", key, "DATABASE_URL", database.jdbcUrl(), "DATABASE_USER", database.username(),
                "DATABASE_PASSWORD", database.password()));
        Process up = builder.start();
        Path video = null;
        try {
            awaitUp(up, log);
            assertThat(Files.readString(log)).contains("Sound       narration local, music soft-pad");
            ApiClient api = new ApiClient(URI.create("http://localhost:" + apiPort), key);
            String characterId = api.readyCharacter("Ms. Goblina", REPO_ROOT.resolve("examples/ms-goblina.png"));

            // a project that says nothing about narration or music: two scenes of two seconds
            String projectId = api.startProject(Map.of("characterId", characterId, "topic", "goblin tea",
                    "preset", "sassy", "scenarioCount", 2, "clipSeconds", 2));
            JsonNode done = api.finished(projectId, Duration.ofMinutes(3));

            assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("DONE");
            assertThat(done.get("providers").get("narration").asText()).isEqualTo("local");
            done.get("scenarios").forEach(scenario -> assertThat(scenario.get("narration").asText()).isEqualTo("READY"));
            assertThat(done.get("cost").get("spentCents").asLong()).as("local narration is free").isZero();

            // the MP4, read back: an audio stream at -14 LUFS integrated
            video = api.downloadShort(projectId);
            MediaInfo info = new MediaProbe().probe(video);
            Loudness loudness = new LoudnessMeter().measure(video);
            System.out.printf("short on the defaults of ./goblina up: %.2f s, %s %d Hz %d ch, %.2f LUFS, %.2f dBTP%n",
                    info.durationSeconds(), info.audioCodec(), info.audioSampleRate(), info.audioChannels(),
                    loudness.integratedLufs(), loudness.truePeakDbtp());
            assertThat(info.hasAudio()).isTrue();
            assertThat(info.hasVideo()).isTrue();
            assertThat(info.durationSeconds()).isBetween(3.0, 4.5);
            assertThat(loudness.silent()).isFalse();
            assertThat(loudness.integratedLufs()).isCloseTo(-14.0, within(1.0));
        } finally {
            if (video != null) {
                Files.deleteIfExists(video);
            }
            up.destroy();
            if (!up.waitFor(60, TimeUnit.SECONDS)) {
                up.destroyForcibly();
            }
        }
    }

    private static void awaitUp(Process up, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (System.nanoTime() < deadline) {
            if (!up.isAlive()) {
                throw new AssertionError("./goblina up ended with " + up.exitValue() + ":\n" + Files.readString(log));
            }
            if (Files.readString(log).contains("Ctrl-C stops everything")) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("./goblina up did not come up within 3 minutes:\n" + Files.readString(log));
    }
}
