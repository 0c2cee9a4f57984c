package app.goblina.worker.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import app.goblina.worker.media.MediaProbe.MediaInfo;
import app.goblina.worker.media.ShortAssembler.AssembledShort;
import app.goblina.worker.media.ShortAssembler.AssemblyClip;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Clips already in the short's format are joined by stream copy, unless the settings ask for more. */
class FastPathTest {

    private static final int WIDTH = 360;
    private static final int HEIGHT = 640;

    @TempDir
    static Path dir;

    private static Path first;
    private static Path second;
    private static Path work;
    private static final ShortAssembler assembler = new ShortAssembler();

    @BeforeAll
    static void makeClips() throws IOException {
        first = TestMedia.clip(dir.resolve("first.mp4"), WIDTH, HEIGHT, 30, 1.0, 440, 48_000, 2, 0.3, true);
        second = TestMedia.clip(dir.resolve("second.mp4"), WIDTH, HEIGHT, 30, 1.0, 660, 48_000, 2, 0.3, true);
        work = dir.resolve("work");
    }

    private static AssemblySettings.Builder copyable() {
        return AssemblySettings.builder(work).size(WIDTH, HEIGHT).fps(30).transition(Transition.cut())
                .burnCaptions(false).normalizeLoudness(false);
    }

    @AfterEach
    void nothing_is_left_in_the_work_directory() throws IOException {
        assertThat(Files.exists(work) ? TestMedia.listing(work) : List.of()).isEmpty();
    }

    @Test
    void clips_in_the_short_format_are_joined_without_re_encoding_a_single_picture() throws IOException {
        Path target = dir.resolve("copied.mp4");
        Path thumbnail = dir.resolve("copied.webp");

        AssembledShort result = assembler.assemble(List.of(new AssemblyClip(first, "ignored: captions are off"),
                new AssemblyClip(second, null)), copyable().build(), target, thumbnail);

        assertThat(result.streamCopied()).isTrue();
        List<byte[]> expected = new ArrayList<>(TestMedia.videoPackets(first));
        expected.addAll(TestMedia.videoPackets(second));
        List<byte[]> written = TestMedia.videoPackets(target);
        assertThat(written).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            assertThat(written.get(i)).as("video packet %d", i).isEqualTo(expected.get(i));
        }
        MediaInfo info = new MediaProbe().probe(target);
        assertThat(info.durationSeconds()).isCloseTo(2.0, within(0.05));
        assertThat(info.audioCodec()).isEqualTo("aac");
        assertThat(TestMedia.colourTags(target)).startsWith("bt709/bt709/bt709/tv");
        List<String> boxes = TestMedia.topLevelBoxes(target);
        assertThat(boxes.indexOf("moov")).isLessThan(boxes.indexOf("mdat"));
        BufferedImage still = ImageIO.read(thumbnail.toFile());
        assertThat(still.getWidth()).isEqualTo(WIDTH);
        assertThat(still.getHeight()).isEqualTo(HEIGHT);
        assertThat(TestMedia.audioLevel(target, 0.1, 0.9)).isGreaterThan(0.1);
        assertThat(TestMedia.audioLevel(target, 1.1, 1.9)).isGreaterThan(0.1);
    }

    @Test
    void captions_loudness_normalization_or_a_crossfade_each_rule_the_fast_path_out() {
        List<AssemblyClip> clips = List.of(new AssemblyClip(first, "A caption"), new AssemblyClip(second, null));

        assertThat(assembler.assemble(clips, copyable().burnCaptions(true).build(), dir.resolve("captioned.mp4"),
                dir.resolve("captioned.jpg")).streamCopied()).isFalse();
        assertThat(assembler.assemble(clips, copyable().normalizeLoudness(true).build(), dir.resolve("loud.mp4"),
                dir.resolve("loud.jpg")).streamCopied()).isFalse();
        assertThat(assembler.assemble(clips, copyable().transition(Transition.crossfade()).build(),
                dir.resolve("faded.mp4"), dir.resolve("faded.jpg")).streamCopied()).isFalse();
    }

    @Test
    void a_clip_in_another_format_rules_the_fast_path_out() throws IOException {
        Path other = TestMedia.clip(dir.resolve("other.mp4"), 320, 640, 30, 0.5, 440, 48_000, 2, 0.3, true);

        AssembledShort result = assembler.assemble(List.of(new AssemblyClip(first, null), new AssemblyClip(other, null)),
                copyable().build(), dir.resolve("mixed.mp4"), dir.resolve("mixed.jpg"));

        assertThat(result.streamCopied()).isFalse();
        assertThat(result.width()).isEqualTo(WIDTH);
        assertThat(result.durationSeconds()).isCloseTo(1.5, within(0.05));
    }

    @Test
    void the_pixel_format_read_from_the_h264_configuration_matches_the_decoded_one() {
        MediaProbe probe = new MediaProbe();

        assertThat(probe.probeForJoining(first).info().pixelFormat()).isEqualTo(probe.probe(first).pixelFormat())
                .isEqualTo("yuv420p");
        assertThat(probe.probeForJoining(first).info().videoProfile()).isEqualTo("High");
    }
}
