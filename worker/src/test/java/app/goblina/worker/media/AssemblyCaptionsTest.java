package app.goblina.worker.media;

import static org.assertj.core.api.Assertions.assertThat;

import app.goblina.worker.media.CaptionLook.Decoration;
import app.goblina.worker.media.CaptionLook.Placement;
import app.goblina.worker.media.ShortAssembler.AssemblyClip;
import java.awt.Color;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Caption looks, placement and the word highlight, seen in the assembled pictures over a flat-coloured clip. */
class AssemblyCaptionsTest {

    private static final int WIDTH = 360;
    private static final int HEIGHT = 640;
    private static final int FPS = 30;
    private static final String CAPTION = "alpha beta gamma delta";

    @TempDir
    static Path dir;

    private static Path flat;
    private static Path work;
    private static final ShortAssembler assembler = new ShortAssembler();

    @BeforeAll
    static void makeClip() throws IOException {
        flat = TestMedia.flatClip(dir.resolve("flat.mp4"), WIDTH, HEIGHT, FPS, 2.0, new Color(40, 120, 60));
        work = dir.resolve("work");
    }

    private static Path assemble(String name, AssemblySettings settings) {
        Path target = dir.resolve(name + ".mp4");
        assembler.assemble(List.of(new AssemblyClip(flat, CAPTION)), settings, target, dir.resolve(name + ".jpg"));
        return target;
    }

    private static AssemblySettings.Builder settings() {
        return AssemblySettings.builder(work).size(WIDTH, HEIGHT).fps(FPS);
    }

    @AfterEach
    void nothing_is_left_in_the_work_directory() throws IOException {
        assertThat(Files.exists(work) ? TestMedia.listing(work) : List.of()).isEmpty();
    }

    @Test
    void an_outline_caption_at_the_top_is_drawn_in_the_upper_third_inside_the_safe_area() throws IOException {
        Path captioned = assemble("top", settings()
                .captionLook(new CaptionLook(null, 0.05, Decoration.OUTLINE, Placement.TOP)).build());
        Path plain = assemble("plain", settings().burnCaptions(false).build());

        BufferedImage with = TestMedia.frame(captioned, 10);
        BufferedImage without = TestMedia.frame(plain, 10);
        Rectangle upperThird = new Rectangle(0, (int) (HEIGHT * 0.10), WIDTH, HEIGHT / 3 - (int) (HEIGHT * 0.10));
        Rectangle aboveSafeArea = new Rectangle(0, 0, WIDTH, (int) (HEIGHT * 0.09));
        Rectangle rest = new Rectangle(0, HEIGHT / 3 + 2, WIDTH, HEIGHT - HEIGHT / 3 - 2);
        assertThat(TestMedia.difference(with, without, upperThird)).isGreaterThan(5.0);
        assertThat(TestMedia.difference(with, without, aboveSafeArea)).isLessThan(1.0);
        assertThat(TestMedia.difference(with, without, rest)).isLessThan(1.0);
    }

    @Test
    void the_word_highlight_moves_along_the_caption_within_one_scene() throws IOException {
        Path highlighted = assemble("highlight", settings().wordHighlight(true).build());
        Path steady = assemble("steady", settings().wordHighlight(false).build());
        Rectangle captionArea = new Rectangle(0, HEIGHT * 2 / 3, WIDTH, (int) (HEIGHT * 0.85) - HEIGHT * 2 / 3);

        BufferedImage early = TestMedia.frame(highlighted, 3);
        BufferedImage late = TestMedia.frame(highlighted, 55);

        assertThat(TestMedia.difference(early, late, captionArea)).isGreaterThan(1.0);
        assertThat(yellowPixels(early, captionArea)).isGreaterThan(50);
        assertThat(yellowPixels(late, captionArea)).isGreaterThan(50);
        assertThat(TestMedia.difference(TestMedia.frame(steady, 3), TestMedia.frame(steady, 55), captionArea))
                .isLessThan(0.5);
        assertThat(yellowPixels(TestMedia.frame(steady, 3), captionArea)).isZero();
    }

    /** Pixels of the highlight colour: strong red and green, little blue. */
    private static int yellowPixels(BufferedImage image, Rectangle area) {
        int count = 0;
        for (int y = area.y; y < area.y + area.height; y++) {
            for (int x = area.x; x < area.x + area.width; x++) {
                Color c = new Color(image.getRGB(x, y));
                if (c.getRed() > 200 && c.getGreen() > 170 && c.getBlue() < 100) {
                    count++;
                }
            }
        }
        return count;
    }
}
