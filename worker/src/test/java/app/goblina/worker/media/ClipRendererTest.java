package app.goblina.worker.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import app.goblina.failures.PermanentFailure;
import app.goblina.worker.media.ClipRenderer.ClipSpec;
import app.goblina.worker.media.MediaProbe.MediaInfo;
import java.awt.Color;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClipRendererTest {

    private static final List<String> PALETTE = List.of("#2a6fdb", "#f2c14e");

    @TempDir
    static Path dir;

    private static final ClipRenderer renderer = new ClipRenderer();
    private static Path character;
    private static Path clip;
    private static BufferedImage first;
    private static BufferedImage last;

    /** One 2 s clip shared by the tests that only look at it; rendering is the slow part. */
    @BeforeAll
    static void renderOnce() throws IOException {
        character = TestMedia.character(dir.resolve("goblin.png"), "png");
        clip = dir.resolve("clip.mp4");
        renderer.render(new ClipSpec(720, 1280, 30, 2.0, PALETTE, "Goblins love shiny things"), character, clip);
        first = TestMedia.frame(clip, 0);
        last = TestMedia.frame(clip, 59);
    }

    @Test
    void a_rendered_clip_is_h264_at_the_requested_size_rate_and_length() {
        MediaInfo info = new MediaProbe().probe(clip);

        assertThat(info.videoCodec()).isEqualTo("h264");
        assertThat(info.pixelFormat()).isEqualTo("yuv420p");
        assertThat(info.width()).isEqualTo(720);
        assertThat(info.height()).isEqualTo(1280);
        assertThat(info.frameRate()).isCloseTo(30.0, within(0.01));
        assertThat(info.durationSeconds()).isCloseTo(2.0, within(0.05));
        assertThat(info.hasAudio()).isFalse();
    }

    @Test
    void a_forty_megapixel_character_renders_a_clip_of_the_requested_size() throws IOException {
        BufferedImage poster = new BufferedImage(7300, 5479, BufferedImage.TYPE_INT_ARGB);
        java.awt.Graphics2D g = poster.createGraphics();
        g.setColor(new Color(60, 140, 60));
        g.fillOval(2400, 1000, 2500, 3500);
        g.dispose();
        Path large = dir.resolve("poster.png");
        javax.imageio.ImageIO.write(poster, "png", large.toFile());
        Path out = dir.resolve("poster.mp4");

        renderer.render(new ClipSpec(720, 1280, 30, 1.0, PALETTE, null), large, out);

        MediaInfo info = new MediaProbe().probe(out);
        assertThat(info.width()).isEqualTo(720);
        assertThat(info.height()).isEqualTo(1280);
        assertThat(TestMedia.frameCount(out)).isEqualTo(30);
    }

    @Test
    void a_rendered_clip_has_exactly_seconds_times_fps_frames() throws IOException {
        assertThat(TestMedia.frameCount(clip)).isEqualTo(60);
    }

    @Test
    void the_character_moves_between_the_first_and_the_last_frame() {
        Rectangle characterArea = new Rectangle(110, 150, 500, 700);

        assertThat(TestMedia.difference(first, last, characterArea)).isGreaterThan(5.0);
    }

    @Test
    void the_background_near_the_top_corners_is_the_first_palette_colour() {
        Color expected = Color.decode(PALETTE.getFirst());

        for (BufferedImage frame : List.of(first, last)) {
            assertClose(TestMedia.average(frame, new Rectangle(8, 8, 24, 24)), expected);
            assertClose(TestMedia.average(frame, new Rectangle(720 - 32, 8, 24, 24)), expected);
        }
    }

    @Test
    void the_background_fades_to_the_second_palette_colour_at_the_bottom() {
        Color bottom = TestMedia.average(first, new Rectangle(8, 1280 - 16, 24, 8));

        assertClose(bottom, Color.decode(PALETTE.get(1)));
    }

    @Test
    void the_caption_is_drawn_near_the_bottom_and_nowhere_else() throws IOException {
        Path plain = dir.resolve("plain.mp4");
        renderer.render(new ClipSpec(720, 1280, 30, 2.0, PALETTE, null), character, plain);
        BufferedImage withoutCaption = TestMedia.frame(plain, 0);
        CaptionStyle style = CaptionStyle.forFrame(720, 1280);
        Rectangle captionArea = new Rectangle(80, style.areaBottom() - style.fontSize(), 560, style.fontSize());
        Rectangle topArea = new Rectangle(0, 0, 720, 100);

        assertThat(TestMedia.difference(first, withoutCaption, captionArea)).isGreaterThan(20.0);
        assertThat(TestMedia.difference(first, withoutCaption, topArea)).isLessThan(2.0);
        assertThat(captionArea.getMaxY()).isLessThan(1280 * 0.85);
    }

    @Test
    void a_jpeg_character_image_works_too() throws IOException {
        Path jpeg = TestMedia.character(dir.resolve("goblin.jpg"), "jpg");
        Path target = dir.resolve("from-jpeg.mp4");

        renderer.render(new ClipSpec(360, 640, 24, 0.5, List.of("#101010"), null), jpeg, target);

        MediaInfo info = new MediaProbe().probe(target);
        assertThat(info.width()).isEqualTo(360);
        assertThat(info.height()).isEqualTo(640);
        assertThat(TestMedia.frameCount(target)).isEqualTo(12);
    }

    @Test
    void a_webp_character_image_works_too() throws IOException {
        // A 1x1 grey lossy WebP; ImageIO cannot write WebP, so the bytes are spelled out.
        byte[] webp = Base64.getDecoder().decode("UklGRiIAAABXRUJQVlA4IBYAAAAwAQCdASoBAAEADsD+JaQAA3AAAAAA");
        Path image = Files.write(dir.resolve("pixel.webp"), webp);
        Path target = dir.resolve("from-webp.mp4");

        renderer.render(new ClipSpec(360, 640, 24, 0.5, List.of("#101010"), null), image, target);

        BufferedImage frame = TestMedia.frame(target, 0);
        Color centre = TestMedia.average(frame, new Rectangle(170, 250, 20, 20));
        assertThat(centre.getGreen()).as("the grey character covers the middle").isGreaterThan(100);
        assertThat(TestMedia.average(frame, new Rectangle(4, 4, 16, 16)).getGreen()).isLessThan(40);
    }

    @Test
    void a_character_file_that_is_not_an_image_is_a_permanent_failure_and_writes_nothing() throws IOException {
        Path bogus = Files.writeString(dir.resolve("bogus.png"), "definitely not a picture");
        Path target = dir.resolve("never.mp4");

        assertThatThrownBy(() -> renderer.render(new ClipSpec(360, 640, 24, 0.5, List.of("#101010"), null), bogus, target))
                .isInstanceOf(PermanentFailure.class)
                .hasMessageContaining("bogus.png");
        assertThat(target).doesNotExist();
    }

    @Test
    void a_palette_colour_that_is_not_hex_is_rejected() {
        assertThatThrownBy(() -> new ClipSpec(720, 1280, 30, 1, List.of("blue"), null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void no_scratch_files_are_left_next_to_the_clip() throws IOException {
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(name -> name.startsWith(".render-"));
        }
    }

    private static void assertClose(Color actual, Color expected) {
        assertThat(actual.getRed()).as("red").isCloseTo(expected.getRed(), within(10));
        assertThat(actual.getGreen()).as("green").isCloseTo(expected.getGreen(), within(10));
        assertThat(actual.getBlue()).as("blue").isCloseTo(expected.getBlue(), within(10));
    }
}
