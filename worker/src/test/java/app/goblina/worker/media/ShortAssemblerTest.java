package app.goblina.worker.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import app.goblina.failures.PermanentFailure;
import app.goblina.worker.media.MediaProbe.MediaInfo;
import app.goblina.worker.media.ShortAssembler.AssembledShort;
import app.goblina.worker.media.ShortAssembler.AssemblyClip;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Assembles three clips of different sizes and frame rates (only the middle one has sound) with the default
 * settings (crossfades, boxed captions, loudness normalization) and once without captions, and checks the outputs
 * read back from disk.
 */
class ShortAssemblerTest {

    private static final int WIDTH = 720;
    private static final int HEIGHT = 1280;
    private static final int FPS = 30;
    private static final double FADE = Transition.DEFAULT_CROSSFADE.toMillis() / 1000.0;

    @TempDir
    static Path dir;

    private static final ShortAssembler assembler = new ShortAssembler();
    private static final MediaProbe probe = new MediaProbe();

    private static List<AssemblyClip> clips;
    private static AssemblyPlan plan;
    /** Filter-graph syntax in the scratch directory and font paths, to prove they are escaped. */
    private static Path workDir;
    private static Path fontFile;
    private static Path captioned;
    private static Path plain;
    private static Path thumbnail;
    private static Path preview;
    private static AssembledShort result;

    @BeforeAll
    static void assembleOnce() throws IOException {
        Path portrait = TestMedia.clip(dir.resolve("portrait.mp4"), 720, 1280, 30, 1.5, 0, 0, 0);
        Path square = TestMedia.clip(dir.resolve("square with tone.mp4"), 640, 640, 24, 1.25, 440, 44_100, 1);
        Path landscape = TestMedia.clip(dir.resolve("landscape.mp4"), 1280, 720, 25, 1.2, 0, 0, 0);
        clips = List.of(
                new AssemblyClip(portrait, "Meet Grub, the goblin who collects shiny spoons"),
                new AssemblyClip(square, "It's 100% true: he sings \"la-la\" \\ [loudly], every day; really"),
                new AssemblyClip(landscape, "The end"));
        plan = AssemblyPlan.of(clips.stream().map(clip -> probe.probe(clip.file()).durationSeconds()).toList(), FPS,
                FADE);

        workDir = dir.resolve("work: it's [a], b; c");
        Path fonts = Files.createDirectories(dir.resolve("fonts: it's [x]"));
        fontFile = Files.copy(CaptionFonts.DEFAULT_FONT_FILE, fonts.resolve("Caption Font, Bold.ttf"));

        captioned = dir.resolve("short.mp4");
        thumbnail = dir.resolve("short.jpg");
        preview = dir.resolve("short-preview.webp");
        result = assembler.assemble(clips, settings(true), captioned, thumbnail, preview);
        plain = dir.resolve("plain.mp4");
        assembler.assemble(clips, settings(false), plain, dir.resolve("plain.jpg"));
    }

    private static AssemblySettings settings(boolean burnCaptions) {
        return settings(WIDTH, HEIGHT, burnCaptions, fontFile, workDir);
    }

    /** The defaults at a size, with captions on or off in {@code font}. */
    private static AssemblySettings settings(int width, int height, boolean burnCaptions, Path font, Path work) {
        return AssemblySettings.builder(work).size(width, height).fps(FPS).burnCaptions(burnCaptions)
                .captionLook(CaptionLook.defaults().withFontFile(font)).build();
    }

    @Test
    void the_short_is_h264_high_at_30_fps_tagged_bt709_with_aac_stereo_at_48_khz() throws IOException {
        MediaInfo info = probe.probe(captioned);

        assertThat(info.videoCodec()).isEqualTo("h264");
        assertThat(info.videoProfile()).isEqualTo("High");
        assertThat(info.pixelFormat()).isEqualTo("yuv420p");
        assertThat(info.width()).isEqualTo(WIDTH);
        assertThat(info.height()).isEqualTo(HEIGHT);
        assertThat(info.frameRate()).isCloseTo(FPS, within(0.01));
        assertThat(info.audioCodec()).isEqualTo("aac");
        assertThat(info.audioSampleRate()).isEqualTo(48_000);
        assertThat(info.audioChannels()).isEqualTo(2);
        assertThat(TestMedia.colourTags(captioned)).isEqualTo("bt709/bt709/bt709/tv");
        assertThat(result.streamCopied()).isFalse();
    }

    @Test
    void crossfades_make_the_short_one_fade_shorter_per_join() throws IOException {
        double clipsTogether = plan.frames(0) + plan.frames(1) + plan.frames(2);

        assertThat(TestMedia.frameCount(captioned)).isEqualTo(plan.totalFrames());
        assertThat(plan.totalFrames()).isEqualTo((long) clipsTogether - 2 * Math.round(FADE * FPS));
        assertThat(probe.probe(captioned).durationSeconds()).isCloseTo(plan.durationSeconds(), within(0.05));
        assertThat(result.durationSeconds()).isEqualTo(probe.probe(captioned).durationSeconds());
        assertThat(result.width()).isEqualTo(WIDTH);
        assertThat(result.height()).isEqualTo(HEIGHT);
    }

    @Test
    void with_cuts_the_short_lasts_exactly_as_long_as_its_clips_together() throws IOException {
        Path cut = dir.resolve("cut.mp4");
        Path scratch = dir.resolve("cut-work");

        AssembledShort joined = assembler.assemble(clips, AssemblySettings.builder(scratch).size(180, 320)
                .transition(Transition.cut()).build(), cut, dir.resolve("cut.jpg"));

        assertThat(TestMedia.frameCount(cut)).isEqualTo(plan.frames(0) + plan.frames(1) + plan.frames(2));
        assertThat(joined.durationSeconds()).isCloseTo(
                (double) (plan.frames(0) + plan.frames(1) + plan.frames(2)) / FPS, within(0.05));
        assertThat(joined.streamCopied()).isFalse();
        assertThat(TestMedia.listing(scratch)).isEmpty();
    }

    @Test
    void each_clip_keeps_its_sound_in_its_own_slot_and_silent_clips_are_silent() throws IOException {
        double secondStart = (double) plan.start(1) / FPS;
        double secondEnd = (double) plan.end(1) / FPS;
        double firstEnd = (double) plan.end(0) / FPS;
        double thirdStart = (double) plan.start(2) / FPS;
        double end = plan.durationSeconds();

        // Margins of a few AAC frames around the clip boundaries, where the codec smears a little.
        assertThat(TestMedia.audioLevel(captioned, 0.05, secondStart - 0.06)).as("silent first clip").isLessThan(0.001);
        assertThat(TestMedia.audioLevel(captioned, firstEnd + 0.02, thirdStart - 0.02)).as("tone").isGreaterThan(0.1);
        assertThat(TestMedia.audioLevel(captioned, secondEnd + 0.06, end - 0.05)).as("silent last clip")
                .isLessThan(0.001);
    }

    @Test
    void the_sound_is_normalized_to_minus_14_lufs_with_peaks_under_minus_1_dbtp() {
        LoudnessMeter.Loudness loudness = new LoudnessMeter().measure(captioned);

        assertThat(loudness.integratedLufs()).isCloseTo(-14, within(1.0));
        assertThat(loudness.truePeakDbtp()).isLessThanOrEqualTo(-1.0);
    }

    @Test
    void captions_are_burned_into_the_lower_third_above_the_safe_area() throws IOException {
        int frame = 10;
        BufferedImage withCaptions = TestMedia.frame(captioned, frame);
        BufferedImage without = TestMedia.frame(plain, frame);
        CaptionStyle style = CaptionStyle.of(WIDTH, HEIGHT, CaptionLook.defaults());
        Rectangle lastCaptionLine = new Rectangle(WIDTH / 5, style.areaBottom() - style.fontSize(), WIDTH * 3 / 5,
                style.fontSize());
        Rectangle belowSafeLine = new Rectangle(0, (int) (HEIGHT * 0.86), WIDTH, HEIGHT - (int) (HEIGHT * 0.86));
        Rectangle top = new Rectangle(0, 0, WIDTH, HEIGHT / 2);

        assertThat(TestMedia.difference(withCaptions, without, lastCaptionLine)).isGreaterThan(20.0);
        assertThat(TestMedia.difference(withCaptions, without, belowSafeLine)).isLessThan(2.0);
        assertThat(TestMedia.difference(withCaptions, without, top)).isLessThan(2.0);
        assertThat(lastCaptionLine.y).isGreaterThan(HEIGHT * 2 / 3);
    }

    @Test
    void the_thumbnail_is_a_full_size_jpeg_of_the_middle_of_the_first_clip() throws IOException {
        BufferedImage image = ImageIO.read(thumbnail.toFile());

        assertThat(image.getWidth()).isEqualTo(WIDTH);
        assertThat(image.getHeight()).isEqualTo(HEIGHT);
        assertThat(Files.readAllBytes(thumbnail)).startsWith(0xFF, 0xD8);
        BufferedImage frame = TestMedia.frame(captioned, (int) plan.thumbnailFrame());
        assertThat(TestMedia.difference(image, frame, new Rectangle(0, 0, WIDTH, HEIGHT))).isLessThan(3.0);
    }

    @Test
    void the_preview_is_a_looping_animated_webp_of_the_first_seconds_at_low_resolution() throws IOException {
        TestMedia.AnimatedWebp animation = TestMedia.animatedWebp(preview);

        assertThat(animation.width()).isEqualTo(270);
        assertThat(animation.height()).isEqualTo(480);
        assertThat(animation.loops()).isZero();
        assertThat(animation.milliseconds()).isEqualTo(PreviewWriter.SECONDS * 1000);
        assertThat(animation.frames()).isBetween(PreviewWriter.SECONDS * PreviewWriter.FPS / 2,
                PreviewWriter.SECONDS * PreviewWriter.FPS);
    }

    @Test
    void the_index_comes_before_the_media_data_so_playback_can_start_early() throws IOException {
        List<String> boxes = TestMedia.topLevelBoxes(captioned);

        assertThat(boxes).contains("moov", "mdat");
        assertThat(boxes.indexOf("moov")).isLessThan(boxes.indexOf("mdat"));
    }

    @Test
    void nothing_is_left_in_the_work_directory() throws IOException {
        assertThat(TestMedia.listing(workDir)).isEmpty();
    }

    @Test
    void a_corrupt_clip_is_a_permanent_failure_naming_it_and_leaves_nothing_behind() throws IOException {
        byte[] noise = new byte[64 * 1024];
        new Random(7).nextBytes(noise);
        Path broken = Files.write(dir.resolve("broken.mp4"), noise);
        Path scratch = dir.resolve("corrupt-work");
        Path target = dir.resolve("corrupt.mp4");
        Path still = dir.resolve("corrupt.jpg");
        List<AssemblyClip> withBroken = List.of(clips.get(0), new AssemblyClip(broken, "x"), clips.get(2));

        assertThatThrownBy(() -> assembler.assemble(withBroken,
                settings(WIDTH, HEIGHT, true, fontFile, scratch), target, still))
                .isInstanceOf(PermanentFailure.class)
                .hasMessageContaining("clip 2 of 3")
                .hasMessageContaining("broken.mp4");
        assertThat(target).doesNotExist();
        assertThat(still).doesNotExist();
        assertThat(Files.exists(scratch) ? TestMedia.listing(scratch) : List.of()).isEmpty();
    }

    @Test
    void a_target_that_cannot_be_written_is_an_io_error_and_leaves_no_scratch_files() throws IOException {
        Path notADirectory = Files.writeString(dir.resolve("occupied"), "a file, not a directory");
        Path scratch = dir.resolve("unwritable-work");
        List<AssemblyClip> one = List.of(clips.get(2));

        assertThatThrownBy(() -> assembler.assemble(one, settings(180, 320, false, null, scratch),
                notADirectory.resolve("short.mp4"), dir.resolve("unwritable.jpg")))
                .isInstanceOf(UncheckedIOException.class);
        assertThat(dir.resolve("unwritable.jpg")).doesNotExist();
        assertThat(TestMedia.listing(scratch)).isEmpty();
    }
}
