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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sound of a short made on the defaults of {@code ./goblina up}: the launcher's {@code Up} in a JVM of its own,
 * as the script runs it, with the API and a worker as its children, on a real PostgreSQL and a local blob folder.
 * The project names no narration and no music, so it gets the embedded mode's: the local narrator (espeak-ng)
 * over the soft-pad music, loudness-normalized.
 */
class UpNarratesShortsTest {

    @Test
    void aProjectOnTheDefaultsOfGoblinaUpIsNarratedOverTheSoftPadAtMinus14Lufs(@TempDir Path dataDir) throws Exception {
        TestDatabase database = TestPostgres.newDatabase();
        int apiPort = FreePort.pick();
        String key = ApiKeys.newKey("gob_dev_");
        Path video = null;
        try (UpInItsOwnJvm up = UpInItsOwnJvm.start(dataDir, apiPort, key, database, Map.of())) {
            assertThat(up.output()).contains("Sound       narration local, music soft-pad");
            ApiClient api = new ApiClient(URI.create("http://localhost:" + apiPort), key);
            String characterId = api.readyCharacter("Ms. Goblina", UpInItsOwnJvm.REPO_ROOT.resolve("examples/ms-goblina.png"));

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
        }
    }
}
