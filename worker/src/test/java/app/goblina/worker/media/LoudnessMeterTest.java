package app.goblina.worker.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import app.goblina.failures.PermanentFailure;
import app.goblina.worker.media.LoudnessMeter.Loudness;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoudnessMeterTest {

    @TempDir
    Path dir;

    private final LoudnessMeter meter = new LoudnessMeter();

    @Test
    void a_1_khz_tone_at_minus_20_dbfs_on_both_channels_measures_minus_20_lufs_and_minus_20_dbtp() throws IOException {
        // BS.1770 calibration: a 1 kHz sine at 0 dBFS in one channel reads -3.01 LUFS; in two, 0 LUFS.
        Path tone = TestMedia.tone(dir.resolve("tone.wav"), 3, 1000, 0.1, 48_000, 2, 0);

        Loudness loudness = meter.measure(tone);

        assertThat(loudness.integratedLufs()).isCloseTo(-20.0, within(0.3));
        assertThat(loudness.truePeakDbtp()).isCloseTo(-20.0, within(0.3));
        assertThat(loudness.silent()).isFalse();
    }

    @Test
    void digital_silence_is_reported_as_silent_with_no_peak() throws IOException {
        Path silence = TestMedia.tone(dir.resolve("silence.wav"), 1, 1000, 0, 48_000, 2, 0);

        Loudness loudness = meter.measure(silence);

        assertThat(loudness.silent()).isTrue();
        assertThat(loudness.truePeakDbtp()).isEqualTo(Double.NEGATIVE_INFINITY);
    }

    @Test
    void a_file_without_sound_cannot_be_measured() throws IOException {
        Path video = TestMedia.clip(dir.resolve("silent.mp4"), 64, 64, 10, 0.5, 0, 0, 0);

        assertThatThrownBy(() -> meter.measure(video)).isInstanceOf(PermanentFailure.class)
                .hasMessageContaining("silent.mp4");
    }
}
