package app.goblina.worker.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import app.goblina.worker.media.ClipRenderer.ClipSpec;
import app.goblina.worker.media.MediaProbe.MediaInfo;
import java.awt.Color;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnimatedClipRendererTest {

    private static final List<String> PALETTE = List.of("#2a6fdb", "#f2c14e", "#c84a8a");
    /** Lively, and a backdrop that stays put, so whatever changes between frames is the character. */
    private static final MotionStyle LIVELY = new MotionStyle(2, 0.03, 0.06, 0.02, 4, 0, 0.8, ColourGrade.NEUTRAL);

    @TempDir
    static Path dir;

    private static final AnimatedClipRenderer renderer = new AnimatedClipRenderer();
    private static Path character;
    private static Path full;

    @BeforeAll
    static void renderAFullSizeClip() throws IOException {
        character = TestMedia.character(dir.resolve("goblin.png"), "png");
        full = dir.resolve("full.mp4");
        renderer.render(clip(1080, 1920, 4, LIVELY, speaking(120), 7), character, full);
    }

    @Test
    void aRenderedClipIsH264AtTheRequestedSizeRateAndLength() throws IOException {
        MediaInfo info = new MediaProbe().probe(full);

        assertThat(info.videoCodec()).isEqualTo("h264");
        assertThat(info.pixelFormat()).isEqualTo("yuv420p");
        assertThat(info.width()).isEqualTo(1080);
        assertThat(info.height()).isEqualTo(1920);
        assertThat(info.frameRate()).isCloseTo(30.0, within(0.01));
        assertThat(info.durationSeconds()).isCloseTo(4.0, within(0.05));
        assertThat(info.hasAudio()).isFalse();
        assertThat(TestMedia.frameCount(full)).isEqualTo(120);
    }

    @Test
    void theSameClipRenderedTwiceIsTheSameFileAndTheSameFrames() throws IOException {
        Path again = dir.resolve("again.mp4");
        renderer.render(clip(1080, 1920, 4, LIVELY, speaking(120), 7), character, again);

        assertThat(sha256(again)).isEqualTo(sha256(full));
        Map<Integer, BufferedImage> first = TestMedia.frames(full, i -> i % 40 == 0);
        Map<Integer, BufferedImage> second = TestMedia.frames(again, i -> i % 40 == 0);
        Rectangle whole = new Rectangle(0, 0, 1080, 1920);
        for (int index : first.keySet()) {
            assertThat(TestMedia.difference(first.get(index), second.get(index), whole)).as("frame " + index).isZero();
        }
    }

    @Test
    void anotherSeedGivesAnotherClip() throws IOException {
        Path other = dir.resolve("other-seed.mp4");
        renderer.render(clip(1080, 1920, 4, LIVELY, speaking(120), 8), character, other);

        assertThat(sha256(other)).isNotEqualTo(sha256(full));
    }

    @Test
    void theCharacterMovesWhileTheBackdropAroundItStaysPut() throws IOException {
        Path clip = dir.resolve("moving.mp4");
        renderer.render(clip(540, 960, 2, LIVELY, new double[0], 1), character, clip);
        Map<Integer, BufferedImage> frames = TestMedia.frames(clip, i -> i == 0 || i == 4 || i == 8 || i == 12);
        Rectangle characterArea = new Rectangle(54, 120, 432, 540);
        Rectangle topCorner = new Rectangle(8, 8, 60, 60);

        for (int later : List.of(4, 8, 12)) {
            assertThat(TestMedia.difference(frames.get(0), frames.get(later), characterArea)).as("frame " + later)
                    .isGreaterThan(2.0);
            assertThat(TestMedia.difference(frames.get(0), frames.get(later), topCorner)).as("frame " + later)
                    .isLessThan(1.5);
        }
    }

    @Test
    void theMouthOpensOnTheFramesTheTrackOpensItAndOnlyThereAndOnlyOnTheFace() throws IOException {
        Path talking = dir.resolve("talking.mp4");
        Path silent = dir.resolve("silent.mp4");
        renderer.render(clip(540, 960, 2, LIVELY, speaking(60), 3), character, talking);
        renderer.render(clip(540, 960, 2, LIVELY, new double[0], 3), character, silent);
        Map<Integer, BufferedImage> spoken = TestMedia.frames(talking, i -> true);
        Map<Integer, BufferedImage> quiet = TestMedia.frames(silent, i -> true);

        int openFrames = 0;
        for (int index = 0; index < 60; index++) {
            Rectangle changed = changedArea(spoken.get(index), quiet.get(index), 60);
            if (speaking(60)[index] > 0) {
                openFrames++;
                assertThat(changed).as("frame " + index + " has its mouth open").isNotNull();
                // a mouth: small, horizontal, in the upper half of where the character stands (feet at 68%)
                assertThat((double) changed.width * changed.height).as("frame " + index)
                        .isLessThan(540 * 960 * 0.02);
                assertThat(changed.width).isGreaterThan(changed.height / 2);
                assertThat(changed.getCenterY()).isBetween(960 * 0.15, 960 * 0.45);
                assertThat(changed.getCenterX()).isBetween(540 * 0.35, 540 * 0.65);
                double openBrightness = luma(TestMedia.average(spoken.get(index), changed));
                double closedBrightness = luma(TestMedia.average(quiet.get(index), changed));
                assertThat(openBrightness).as("the open mouth is darker than the face").isLessThan(closedBrightness - 15);
            } else {
                assertThat(changed).as("frame " + index + " has its mouth closed").isNull();
            }
        }
        assertThat(openFrames).isGreaterThan(20);
    }

    @Test
    void aPunchyGradeIsMoreSaturatedThanADesaturatedOneAndMovesMore() throws IOException {
        MotionStyle punchy = new MotionStyle(2.6, 0.035, 0.08, 0.03, 7, 4, 0.9, new ColourGrade(1.5, 1.18, 0, 0, 0));
        MotionStyle flat = new MotionStyle(0.35, 0.003, 0.006, 0, 0, 0.4, 0.35, new ColourGrade(0.45, 0.95, -8, 0, 12));
        Path loud = dir.resolve("punchy.mp4");
        Path dull = dir.resolve("flat.mp4");
        renderer.render(clip(360, 640, 1, punchy, new double[0], 5), character, loud);
        renderer.render(clip(360, 640, 1, flat, new double[0], 5), character, dull);
        Map<Integer, BufferedImage> loudFrames = TestMedia.frames(loud, i -> i == 0 || i == 6);
        Map<Integer, BufferedImage> dullFrames = TestMedia.frames(dull, i -> i == 0 || i == 6);
        Rectangle characterArea = new Rectangle(36, 80, 288, 360);

        assertThat(meanSaturation(loudFrames.get(0))).isGreaterThan(meanSaturation(dullFrames.get(0)) + 0.2);
        assertThat(TestMedia.difference(loudFrames.get(0), loudFrames.get(6), characterArea))
                .isGreaterThan(3 * TestMedia.difference(dullFrames.get(0), dullFrames.get(6), characterArea));
    }

    @Test
    void theBackdropIsMadeOfThePaletteColours() throws IOException {
        Color blue = Color.decode("#2a6fdb");
        Color yellow = Color.decode("#f2c14e");
        Path clip = dir.resolve("two-colours.mp4");
        renderer.render(clip(new ClipSpec(360, 640, 30, 0.5, List.of("#2a6fdb", "#f2c14e"), null), LIVELY,
                new double[0], 11), character, clip);
        BufferedImage frame = TestMedia.frame(clip, 0);

        double nearestBlue = Double.MAX_VALUE, nearestYellow = Double.MAX_VALUE;
        for (Rectangle band : List.of(new Rectangle(0, 0, 360, 60), new Rectangle(0, 560, 360, 80),
                new Rectangle(0, 0, 24, 640), new Rectangle(336, 0, 24, 640))) {
            for (int y = band.y; y < band.y + band.height; y += 3) {
                for (int x = band.x; x < band.x + band.width; x += 3) {
                    Color pixel = new Color(frame.getRGB(x, y));
                    assertThat(distanceToSegment(pixel, blue, yellow)).as("pixel %d,%d %s", x, y, pixel)
                            .isLessThan(16);
                    nearestBlue = Math.min(nearestBlue, distance(pixel, blue));
                    nearestYellow = Math.min(nearestYellow, distance(pixel, yellow));
                }
            }
        }
        assertThat(nearestBlue).isLessThan(30);
        assertThat(nearestYellow).isLessThan(30);
    }

    @Test
    void aCharacterOnAPlainWhitePictureIsCutOutOfIt() throws IOException {
        Path jpeg = TestMedia.character(dir.resolve("goblin.jpg"), "jpg");
        Path clip = dir.resolve("cut-out.mp4");
        renderer.render(clip(new ClipSpec(360, 640, 30, 0.5, List.of("#202a44", "#3a2a55"), null), LIVELY,
                new double[0], 2), jpeg, clip);
        BufferedImage frame = TestMedia.frame(clip, 0);

        // The picture's white would reach from x 31 to 329 at this height; the figure alone spans about 80 to 280.
        int white = 0;
        for (int y = 100; y < 400; y += 2) {
            for (int x = 40; x < 70; x++) {
                Color pixel = new Color(frame.getRGB(x, y));
                if (pixel.getRed() > 200 && pixel.getGreen() > 200 && pixel.getBlue() > 200) {
                    white++;
                }
            }
        }
        assertThat(white).isZero();
        assertThat(TestMedia.average(frame, new Rectangle(170, 300, 20, 20)).getGreen())
                .as("the green figure is there").isGreaterThan(100);
    }

    @Test
    void aMouthOpeningOutsideNoughtToOneIsRejected() {
        ClipSpec frame = new ClipSpec(360, 640, 30, 1, PALETTE, null);

        assertThatThrownBy(() -> new AnimatedClip(frame, LIVELY, new double[] {0.5, 1.2}, 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** Open on six frames, closed on six, for the first 80% of the clip. */
    private static double[] speaking(int frames) {
        double[] mouth = new double[frames];
        for (int i = 0; i < frames * 4 / 5; i++) {
            mouth[i] = (i / 6) % 2 == 0 ? 0.9 : 0;
        }
        return mouth;
    }

    private static AnimatedClip clip(int width, int height, double seconds, MotionStyle motion, double[] mouth,
            long seed) {
        return clip(new ClipSpec(width, height, 30, seconds, PALETTE, null), motion, mouth, seed);
    }

    private static AnimatedClip clip(ClipSpec frame, MotionStyle motion, double[] mouth, long seed) {
        return new AnimatedClip(frame, motion, mouth, seed);
    }

    /** The box around the pixels that differ by more than {@code threshold} in a channel, or null if none. */
    private static Rectangle changedArea(BufferedImage a, BufferedImage b, int threshold) {
        Rectangle box = null;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                int p = a.getRGB(x, y), q = b.getRGB(x, y);
                int most = Math.max(Math.abs(((p >> 16) & 0xff) - ((q >> 16) & 0xff)),
                        Math.max(Math.abs(((p >> 8) & 0xff) - ((q >> 8) & 0xff)), Math.abs((p & 0xff) - (q & 0xff))));
                if (most > threshold) {
                    if (box == null) {
                        box = new Rectangle(x, y, 1, 1);
                    } else {
                        box.add(new Rectangle(x, y, 1, 1));
                    }
                }
            }
        }
        return box;
    }

    private static double meanSaturation(BufferedImage frame) {
        double sum = 0;
        int n = 0;
        float[] hsb = new float[3];
        for (int y = 0; y < frame.getHeight(); y += 2) {
            for (int x = 0; x < frame.getWidth(); x += 2) {
                int p = frame.getRGB(x, y);
                Color.RGBtoHSB((p >> 16) & 0xff, (p >> 8) & 0xff, p & 0xff, hsb);
                sum += hsb[1];
                n++;
            }
        }
        return sum / n;
    }

    private static double luma(Color c) {
        return 0.2126 * c.getRed() + 0.7152 * c.getGreen() + 0.0722 * c.getBlue();
    }

    private static double distance(Color a, Color b) {
        int dr = a.getRed() - b.getRed(), dg = a.getGreen() - b.getGreen(), db = a.getBlue() - b.getBlue();
        return Math.sqrt(dr * dr + dg * dg + db * db);
    }

    /** How far {@code c} is from every mix of {@code a} and {@code b}. */
    private static double distanceToSegment(Color c, Color a, Color b) {
        double[] ab = {b.getRed() - a.getRed(), b.getGreen() - a.getGreen(), b.getBlue() - a.getBlue()};
        double[] ac = {c.getRed() - a.getRed(), c.getGreen() - a.getGreen(), c.getBlue() - a.getBlue()};
        double t = Math.clamp((ab[0] * ac[0] + ab[1] * ac[1] + ab[2] * ac[2])
                / (ab[0] * ab[0] + ab[1] * ab[1] + ab[2] * ab[2]), 0, 1);
        double dr = ac[0] - t * ab[0], dg = ac[1] - t * ab[1], db = ac[2] - t * ab[2];
        return Math.sqrt(dr * dr + dg * dg + db * db);
    }

    private static String sha256(Path file) throws IOException {
        try {
            return java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
