package app.goblina.worker.media;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The animated clip's backdrop, built once from the palette: a diagonal gradient between two of its colours with
 * soft round shapes in the others, painted larger than the frame so that each frame is a window onto it that
 * drifts slowly to and fro; a frame's backdrop is then one copy per row.
 *
 * <p>The palette's first colour is the figure's own main colour (the analyst lists the figure's colours, most area
 * first), so the gradient runs between the second and third colours, keeping the character apart from its
 * backdrop, and the shapes take the rest; a palette of one colour gives a gradient from it to a lighter shade of it.
 * The picture is computed at a quarter of the size and scaled up: it is all soft, so nothing is lost.
 */
final class PaletteBackdrop {

    /** How much larger than the frame the backdrop is, on each side, as a share of the frame. */
    static final double MARGIN = 0.05;
    private static final int SHAPES = 5;
    private static final double SHAPE_OPACITY = 0.55;
    private static final int REDUCTION = 4;

    private final int frameWidth;
    private final int frameHeight;
    private final int width;
    private final byte[] pixels;
    private final int travelX;
    private final int travelY;
    private final double cyclesPerFrame;
    private final double phase;

    /**
     * @param drift  to-and-fro movements in ten seconds
     * @param fps    frames per second of the clip
     */
    PaletteBackdrop(int frameWidth, int frameHeight, List<Color> palette, ColourGrade grade, long seed, double drift,
            int fps) {
        this.frameWidth = frameWidth;
        this.frameHeight = frameHeight;
        this.travelX = (int) Math.round(frameWidth * MARGIN);
        this.travelY = (int) Math.round(frameHeight * MARGIN);
        this.width = frameWidth + 2 * travelX;
        int height = frameHeight + 2 * travelY;
        SplittableRandom random = new SplittableRandom(seed);
        this.cyclesPerFrame = drift / 10.0 / fps;
        this.phase = random.nextDouble() * 2 * Math.PI;

        BufferedImage small = paintSmall(width / REDUCTION + 1, height / REDUCTION + 1, palette, grade, random);
        BufferedImage full = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = full.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(small, 0, 0, width, height, null);
        } finally {
            g.dispose();
        }
        this.pixels = ((DataBufferByte) full.getRaster().getDataBuffer()).getData();
    }

    /** Copies frame {@code index}'s window of the backdrop into {@code frame}, BGR bytes of the frame's size. */
    void copyInto(byte[] frame, int index) {
        double angle = 2 * Math.PI * cyclesPerFrame * index + phase;
        int x = (int) Math.round(travelX * (1 + Math.sin(angle)));
        int y = (int) Math.round(travelY * (1 + Math.sin(angle * 0.7 + 1.1)));
        int rowBytes = frameWidth * 3;
        for (int row = 0; row < frameHeight; row++) {
            System.arraycopy(pixels, ((y + row) * width + x) * 3, frame, row * rowBytes, rowBytes);
        }
    }

    private static BufferedImage paintSmall(int w, int h, List<Color> palette, ColourGrade grade,
            SplittableRandom random) {
        Color top = palette.get(palette.size() > 1 ? 1 : 0);
        Color bottom = palette.size() > 2 ? palette.get(2)
                : palette.size() == 2 ? palette.get(0) : lighter(palette.get(0));
        List<Color> shapes = palette.size() > 3 ? palette.subList(3, palette.size())
                : palette.size() > 1 ? List.of(palette.get(0), top) : List.of(lighter(lighter(top)));
        double diagonal = random.nextDouble() * 0.6 - 0.3;
        double[][] blobs = new double[SHAPES][];
        for (int i = 0; i < SHAPES; i++) {
            blobs[i] = new double[] {random.nextDouble() * w, random.nextDouble() * h,
                (0.18 + random.nextDouble() * 0.22) * w};
        }
        int[] argb = new int[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double t = Math.clamp((double) y / (h - 1) + diagonal * ((double) x / (w - 1) - 0.5), 0, 1);
                double r = top.getRed() + (bottom.getRed() - top.getRed()) * t;
                double g = top.getGreen() + (bottom.getGreen() - top.getGreen()) * t;
                double b = top.getBlue() + (bottom.getBlue() - top.getBlue()) * t;
                for (int i = 0; i < SHAPES; i++) {
                    double dx = x - blobs[i][0], dy = y - blobs[i][1];
                    double d = Math.sqrt(dx * dx + dy * dy) / blobs[i][2];
                    if (d < 1) {
                        // a soft disc: flat in the middle, fading out over its outer half
                        double cover = SHAPE_OPACITY * Math.clamp((1 - d) * 2, 0, 1);
                        Color c = shapes.get(i % shapes.size());
                        r += (c.getRed() - r) * cover;
                        g += (c.getGreen() - g) * cover;
                        b += (c.getBlue() - b) * cover;
                    }
                }
                argb[y * w + x] = grade.apply((int) Math.round(r) << 16 | (int) Math.round(g) << 8 | (int) Math.round(b));
            }
        }
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, w, h, argb, 0, w);
        return image;
    }

    private static Color lighter(Color c) {
        return new Color((c.getRed() + 255) / 2, (c.getGreen() + 255) / 2, (c.getBlue() + 255) / 2);
    }
}
