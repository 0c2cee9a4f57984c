package app.goblina.worker.providers.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.goblina.domain.Preset;
import app.goblina.failures.PermanentFailure;
import app.goblina.narration.NarrationRequest;
import app.goblina.worker.media.LoudnessMeter;
import app.goblina.worker.media.LoudnessMeter.Loudness;
import app.goblina.worker.media.MediaProbe;
import app.goblina.worker.media.MediaProbe.MediaInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The offline narrator with the real espeak-ng (Debian package {@code espeak-ng}), its audio read back. */
class LocalNarratorTest {

    private static final String LINE = "Why do goblins make the best baristas? Because we never sleep, darling.";

    @TempDir
    Path dir;

    private final LocalNarrator narrator = new LocalNarrator(new EspeakConfig("espeak-ng", Duration.ofSeconds(30)));

    @Test
    void theLocalNarratorSpeaksALineAsRealAudioThatIsNotSilentAndTheSameEachTime() throws Exception {
        assertThat(narrator.available()).as("espeak-ng on PATH (apt-get install espeak-ng)").isTrue();

        String mediaType = narrator.narrate(request("sassy-1", LINE, "coral", Preset.SASSY), dir.resolve("line.wav"));

        assertThat(mediaType).isEqualTo("audio/wav");
        MediaInfo info = new MediaProbe().probe(dir.resolve("line.wav"));
        assertThat(info.hasAudio()).isTrue();
        assertThat(info.hasVideo()).isFalse();
        assertThat(info.durationSeconds()).isGreaterThan(0.5);
        Loudness loudness = new LoudnessMeter().measure(dir.resolve("line.wav"));
        assertThat(loudness.silent()).as("measured %s", loudness).isFalse();
        assertThat(loudness.integratedLufs()).isGreaterThan(-40);
        assertThat(dir.resolve("line.wav.part")).doesNotExist();

        narrator.narrate(request("sassy-2", LINE, "coral", Preset.SASSY), dir.resolve("again.wav"));
        assertThat(Files.readAllBytes(dir.resolve("again.wav"))).as("deterministic")
                .isEqualTo(Files.readAllBytes(dir.resolve("line.wav")));
    }

    @Test
    void eachPresetHasADeliveryOfItsOwnAndAnEspeakVoiceNamedByTheProjectReplacesItsVoice() {
        assertThat(LocalNarrator.delivery(request("k", LINE, "coral", Preset.CHAOTIC)))
                .isNotEqualTo(LocalNarrator.delivery(request("k", LINE, "coral", Preset.DEADPAN)));
        assertThat(LocalNarrator.delivery(request("k", LINE, "coral", Preset.SASSY)).voice()).isEqualTo("en-us+f3");
        assertThat(LocalNarrator.delivery(request("k", LINE, "en-gb+m3", Preset.SASSY)).voice()).isEqualTo("en-gb+m3");
        assertThat(LocalNarrator.delivery(request("k", LINE, "ash", Preset.SASSY)).voice())
                .as("an OpenAI voice name keeps the preset's voice").isEqualTo("en-us+f3");
    }

    @Test
    void aMissingEspeakNgIsAPermanentFailureThatNamesThePackageAndLeavesNoFile() {
        LocalNarrator missing = new LocalNarrator(new EspeakConfig(dir.resolve("no-such-dir/espeak-ng").toString(),
                Duration.ofSeconds(30)));

        assertThat(missing.available()).isFalse();
        assertThatThrownBy(() -> missing.narrate(request("k", LINE, null, Preset.WHOLESOME), dir.resolve("line.wav")))
                .isInstanceOf(PermanentFailure.class)
                .hasMessageContaining("needs espeak-ng")
                .hasMessageContaining("apt-get install espeak-ng");
        assertThat(dir.resolve("line.wav")).doesNotExist();
    }

    @Test
    void aVoiceEspeakNgDoesNotHaveIsAPermanentFailureWithEspeakNgsOwnReason() {
        assertThatThrownBy(() -> narrator.narrate(request("k", LINE, "zz-nowhere", Preset.DEADPAN),
                dir.resolve("line.wav")))
                .isInstanceOf(PermanentFailure.class)
                .hasMessageContaining("espeak-ng could not speak the line")
                .hasMessageContaining("voice does not exist");
        assertThat(dir.resolve("line.wav")).doesNotExist();
        assertThat(dir.resolve("line.wav.part")).doesNotExist();
    }

    private static NarrationRequest request(String key, String text, String voice, Preset preset) {
        return new NarrationRequest(key, text, voice, "", preset);
    }
}
