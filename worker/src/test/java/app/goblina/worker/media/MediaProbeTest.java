package app.goblina.worker.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import app.goblina.failures.PermanentFailure;
import app.goblina.worker.media.ClipRenderer.ClipSpec;
import app.goblina.worker.media.MediaProbe.MediaInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MediaProbeTest {

    @TempDir
    Path dir;

    private final MediaProbe probe = new MediaProbe();

    @Test
    void a_rendered_two_second_clip_probes_as_h264_high_720x1280_at_30_fps_without_audio() throws IOException {
        Path character = TestMedia.character(dir.resolve("goblin.png"), "png");
        Path clip = dir.resolve("clip.mp4");
        new ClipRenderer().render(new ClipSpec(720, 1280, 30, 2.0, List.of("#336699"), null), character, clip);

        MediaInfo info = probe.probe(clip);

        assertThat(info.videoCodec()).isEqualTo("h264");
        assertThat(info.videoProfile()).isEqualTo("High");
        assertThat(info.pixelFormat()).isEqualTo("yuv420p");
        assertThat(info.width()).isEqualTo(720);
        assertThat(info.height()).isEqualTo(1280);
        assertThat(info.frameRate()).isCloseTo(30.0, within(0.001));
        assertThat(info.durationSeconds()).isCloseTo(2.0, within(0.05));
        assertThat(info.hasVideo()).isTrue();
        assertThat(info.hasAudio()).isFalse();
        assertThat(info.audioCodec()).isNull();
        assertThat(info.audioSampleRate()).isZero();
        assertThat(info.audioChannels()).isZero();
    }

    @Test
    void a_clip_with_a_tone_reports_its_audio_codec_rate_and_channels() throws IOException {
        Path clip = TestMedia.clip(dir.resolve("tone.mp4"), 320, 240, 25, 1.0, 440, 44_100, 1);

        MediaInfo info = probe.probe(clip);

        assertThat(info.hasAudio()).isTrue();
        assertThat(info.audioCodec()).isEqualTo("aac");
        assertThat(info.audioSampleRate()).isEqualTo(44_100);
        assertThat(info.audioChannels()).isEqualTo(1);
        assertThat(info.width()).isEqualTo(320);
        assertThat(info.height()).isEqualTo(240);
        assertThat(info.frameRate()).isCloseTo(25.0, within(0.001));
        assertThat(info.durationSeconds()).isCloseTo(1.0, within(0.05));
    }

    @Test
    void random_bytes_are_a_permanent_failure_naming_the_file() throws IOException {
        byte[] noise = new byte[32 * 1024];
        new Random(3).nextBytes(noise);
        Path file = Files.write(dir.resolve("noise.mp4"), noise);

        assertThatThrownBy(() -> probe.probe(file))
                .isInstanceOf(PermanentFailure.class)
                .hasMessageContaining("noise.mp4");
    }

    @Test
    void a_missing_file_is_an_io_error() {
        assertThatThrownBy(() -> probe.probe(dir.resolve("absent.mp4")))
                .isInstanceOf(UncheckedIOException.class);
    }
}
