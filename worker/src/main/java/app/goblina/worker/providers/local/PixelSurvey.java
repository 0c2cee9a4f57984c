package app.goblina.worker.providers.local;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Measures an image: the backdrop from its corners, the figure as every pixel far enough from the backdrop, the
 * figure's dominant colours by a coarse colour histogram (4 bits a channel), its extent, brightness and
 * saturation. Works on a copy scaled to at most 256 pixels a side: the palette does not need more.
 */
public final class PixelSurvey {

    static final int SAMPLE_SIDE = 256;
    /** Distance (0–441) from the backdrop colour beyond which a pixel belongs to the figure. */
    static final double FIGURE_THRESHOLD = 48;
    static final int PALETTE_SIZE = 5;
    /** A palette entry must be this far from every earlier one, so five shades of one green do not crowd out the rest. */
    static final double DISTINCT = 40;

    private PixelSurvey() {
    }

    public static ImageMeasurements measure(BufferedImage source) {
        BufferedImage image = scaled(source);
        int w = image.getWidth();
        int h = image.getHeight();
        int background = averageCorners(image);
        Map<Integer, long[]> buckets = new HashMap<>();
        long figurePixels = 0;
        double luma = 0;
        double saturation = 0;
        int minX = w, minY = h, maxX = -1, maxY = -1;
        float[] hsb = new float[3];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int argb = image.getRGB(x, y);
                if ((argb >>> 24) < 128 || distance(argb, background) < FIGURE_THRESHOLD) {
                    continue;
                }
                int r = (argb >> 16) & 0xff, g = (argb >> 8) & 0xff, b = argb & 0xff;
                figurePixels++;
                luma += (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255.0;
                Color.RGBtoHSB(r, g, b, hsb);
                saturation += hsb[1];
                minX = Math.min(minX, x);
                maxX = Math.max(maxX, x);
                minY = Math.min(minY, y);
                maxY = Math.max(maxY, y);
                int key = ((r >> 4) << 8) | ((g >> 4) << 4) | (b >> 4);
                long[] sums = buckets.computeIfAbsent(key, k -> new long[4]);
                sums[0]++;
                sums[1] += r;
                sums[2] += g;
                sums[3] += b;
            }
        }
        String backdrop = hex(background);
        if (figurePixels == 0) {
            return new ImageMeasurements(source.getWidth(), source.getHeight(), backdrop, List.of(backdrop), 0, 1, 0, 0);
        }
        double aspect = (double) (maxY - minY + 1) / (maxX - minX + 1);
        return new ImageMeasurements(source.getWidth(), source.getHeight(), backdrop, palette(buckets),
                (double) figurePixels / ((long) w * h), aspect, luma / figurePixels, saturation / figurePixels);
    }

    private static List<String> palette(Map<Integer, long[]> buckets) {
        List<long[]> byArea = new ArrayList<>(buckets.values());
        byArea.sort(Comparator.comparingLong((long[] s) -> s[0]).reversed());
        List<Integer> chosen = new ArrayList<>();
        for (long[] sums : byArea) {
            int rgb = (int) (sums[1] / sums[0]) << 16 | (int) (sums[2] / sums[0]) << 8 | (int) (sums[3] / sums[0]);
            if (chosen.stream().allMatch(c -> distance(c, rgb) >= DISTINCT)) {
                chosen.add(rgb);
            }
            if (chosen.size() == PALETTE_SIZE) {
                break;
            }
        }
        return chosen.stream().map(PixelSurvey::hex).toList();
    }

    private static BufferedImage scaled(BufferedImage source) {
        double scale = Math.min(1.0, (double) SAMPLE_SIDE / Math.max(source.getWidth(), source.getHeight()));
        int w = Math.max(1, (int) Math.round(source.getWidth() * scale));
        int h = Math.max(1, (int) Math.round(source.getHeight() * scale));
        BufferedImage copy = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = copy.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(source, 0, 0, w, h, null);
        g.dispose();
        return copy;
    }

    private static int averageCorners(BufferedImage image) {
        int w = image.getWidth() - 1, h = image.getHeight() - 1;
        int[] corners = {image.getRGB(0, 0), image.getRGB(w, 0), image.getRGB(0, h), image.getRGB(w, h)};
        int r = 0, g = 0, b = 0;
        for (int c : corners) {
            r += (c >> 16) & 0xff;
            g += (c >> 8) & 0xff;
            b += c & 0xff;
        }
        return (r / 4) << 16 | (g / 4) << 8 | (b / 4);
    }

    static double distance(int a, int b) {
        int dr = ((a >> 16) & 0xff) - ((b >> 16) & 0xff);
        int dg = ((a >> 8) & 0xff) - ((b >> 8) & 0xff);
        int db = (a & 0xff) - (b & 0xff);
        return Math.sqrt(dr * dr + dg * dg + db * db);
    }

    static String hex(int rgb) {
        return String.format("#%06x", rgb & 0xffffff);
    }
}
