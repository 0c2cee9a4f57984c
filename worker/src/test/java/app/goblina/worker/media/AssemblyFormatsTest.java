package app.goblina.worker.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import app.goblina.worker.media.MediaProbe.MediaInfo;
import app.goblina.worker.media.ShortAssembler.AssembledShort;
import app.goblina.worker.media.ShortAssembler.AssemblyClip;
import java.awt.Color;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every output format the product offers, with both fits: a clip of another shape (landscape for the vertical and
 * square formats, portrait for the landscape one) is cropped to fill or letterboxed, and the file read back is in
 * the format asked for.
 */
class AssemblyFormatsTest {

    @TempDir
    static Path dir;

    private static Path landscape;
    private static Path portrait;

    @BeforeAll
    static void makeClips() throws IOException {
        landscape = TestMedia.flatClip(dir.resolve("landscape.mp4"), 320, 180, 25, 0.5, new Color(40, 90, 200));
        portrait = TestMedia.flatClip(dir.resolve("portrait.mp4"), 180, 320, 25, 0.5, new Color(40, 90, 200));
    }

    @ParameterizedTest(name = "{0}x{1} {2}")
    @CsvSource({
        "1080, 1920, CROP", "1080, 1920, LETTERBOX",
        "720, 1280, CROP", "720, 1280, LETTERBOX",
        "1920, 1080, CROP", "1920, 1080, LETTERBOX",
        "1080, 1080, CROP", "1080, 1080, LETTERBOX"})
    void a_clip_of_another_shape_becomes_the_asked_format_filled_or_letterboxed(int width, int height, Fit fit)
            throws IOException {
        Path source = width > height ? portrait : landscape;
        Path work = dir.resolve("work-" + width + "x" + height + "-" + fit);
        Path target = dir.resolve(width + "x" + height + "-" + fit + ".mp4");
        AssemblySettings settings = AssemblySettings.builder(work).size(width, height).fit(fit).burnCaptions(false)
                .build();

        AssembledShort result = new ShortAssembler().assemble(List.of(new AssemblyClip(source, null)), settings,
                target, dir.resolve(width + "x" + height + "-" + fit + ".jpg"));

        MediaInfo info = new MediaProbe().probe(target);
        assertThat(info.width()).isEqualTo(width);
        assertThat(info.height()).isEqualTo(height);
        assertThat(info.frameRate()).isCloseTo(30, within(0.01));
        assertThat(info.videoCodec()).isEqualTo("h264");
        assertThat(info.videoProfile()).isEqualTo("High");
        assertThat(info.pixelFormat()).isEqualTo("yuv420p");
        assertThat(TestMedia.colourTags(target)).isEqualTo("bt709/bt709/bt709/tv");
        assertThat(info.audioCodec()).isEqualTo("aac");
        assertThat(info.audioSampleRate()).isEqualTo(48_000);
        assertThat(info.audioChannels()).isEqualTo(2);
        assertThat(result.durationSeconds()).isCloseTo(0.5, within(0.05));
        assertThat(TestMedia.listing(work)).isEmpty();

        BufferedImage frame = TestMedia.frame(target, 5);
        // The bars are where the source's shape leaves room: above and below, or left and right.
        Rectangle edge = width > height
                ? new Rectangle(0, height / 4, width / 20, height / 2)
                : new Rectangle(width / 4, 0, width / 2, height / 20);
        Rectangle centre = new Rectangle(width * 2 / 5, height * 2 / 5, width / 5, height / 5);
        Color edgeColour = TestMedia.average(frame, edge);
        assertThat(TestMedia.average(frame, centre).getBlue()).isGreaterThan(150);
        if (fit == Fit.LETTERBOX) {
            assertThat(edgeColour.getRed() + edgeColour.getGreen() + edgeColour.getBlue()).isLessThan(30);
        } else {
            assertThat(edgeColour.getBlue()).isGreaterThan(150);
        }
    }

    @Test
    void a_clip_marked_as_recorded_sideways_is_turned_upright_before_it_is_fitted() throws IOException {
        // Stored landscape, shown portrait: turned upright it fills a portrait frame whole, its halves one above
        // the other; left unturned, cropping would keep the middle, with the halves side by side.
        Path sideways = TestMedia.halvesClip(dir.resolve("sideways.mp4"), 320, 180, 90);
        Path target = dir.resolve("upright.mp4");

        new ShortAssembler().assemble(List.of(new AssemblyClip(sideways, null)),
                AssemblySettings.builder(dir.resolve("work-upright")).size(180, 320).burnCaptions(false).build(),
                target, dir.resolve("upright.jpg"));

        BufferedImage frame = TestMedia.frame(target, 3);
        Color top = TestMedia.average(frame, new Rectangle(40, 20, 100, 100));
        Color bottom = TestMedia.average(frame, new Rectangle(40, 200, 100, 100));
        Color left = TestMedia.average(frame, new Rectangle(10, 140, 60, 40));
        Color right = TestMedia.average(frame, new Rectangle(110, 140, 60, 40));
        assertThat(Math.abs(top.getRed() - bottom.getRed())).isGreaterThan(150);
        assertThat(Math.abs(left.getRed() - right.getRed())).isLessThan(30);
    }
}
