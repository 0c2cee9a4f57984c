package app.goblina.worker.media;

import java.awt.Color;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;

/**
 * The character cut out of its picture, cropped to the figure, graded and scaled once to the largest size a clip
 * draws it, with where its mouth is.
 *
 * <p>The figure is found in one of three ways, the first that applies:
 * <ol>
 *   <li>the picture has transparency (more than 1% of its pixels at most half opaque): its alpha channel is the
 *       figure;
 *   <li>its four corners are one colour (within {@link #UNIFORM_CORNERS} of their mean): every pixel of about that
 *       colour ({@link #BACKDROP_DISTANCE}) connected to the border is backdrop, found by a flood fill from the
 *       border, so a white eye inside a figure on white stays; the edge is softened by one pixel;
 *   <li>otherwise the whole picture is the figure, drawn as a card with rounded corners.
 * </ol>
 *
 * <p>The mouth is placed by the figure's proportions, as a cartoon character is drawn, then nudged to the drawing's
 * own mouth. The first guess is a fixed share down the figure's bounding box ({@link #mouthRow}): about a third for
 * a full-length figure (taller than 1.6 times its width), whose head is the top third; 0.42 for a half-length one;
 * 0.55 for a bust cut off by the picture's bottom edge, whose head fills the top two thirds; 0.62 for a close-up
 * face (not taller than 1.1 times its width). Then, within {@link #MOUTH_SEARCH} of the box's height around that
 * guess, the darkest band of rows in the middle fifth of the figure's width is taken: a drawn mouth (its opening,
 * or its line) is the darkest feature on the middle line of a face below the eyes, which sit off that line. The
 * mouth is centred on the figure's span on that row and {@link #MOUTH_WIDTH_SHARE} of that span wide. No face
 * detection: a guess that lands on the mouth of an upright cartoon character facing the camera, and near the face
 * otherwise.
 */
final class CharacterCutout {

    /** The working copy's longest side: enough detail for a 1080x1920 frame's character. */
    static final int WORKING_SIDE = 1280;
    static final double UNIFORM_CORNERS = 40;
    static final double BACKDROP_DISTANCE = 48;
    static final double MOUTH_WIDTH_SHARE = 0.28;
    /** How far from the first guess, in figure heights, the darkest band of rows is looked for. */
    static final double MOUTH_SEARCH = 0.12;

    /** The cut-out, premultiplied ARGB, exactly the figure's bounding box plus a small margin. */
    final BufferedImage sprite;
    /** The mouth's box in sprite pixels. */
    final Rectangle2D mouth;
    /** The figure's colour around the mouth, graded. */
    final Color skin;

    private CharacterCutout(BufferedImage sprite, Rectangle2D mouth, Color skin) {
        this.sprite = sprite;
        this.mouth = mouth;
        this.skin = skin;
    }

    /**
     * Cuts the figure out of {@code source}, grades it and scales it to fit within {@code maxWidth} x
     * {@code maxHeight}.
     */
    static CharacterCutout of(BufferedImage source, int maxWidth, int maxHeight, ColourGrade grade) {
        double reduce = Math.min(1.0, (double) WORKING_SIDE / Math.max(source.getWidth(), source.getHeight()));
        int w = Math.max(1, (int) Math.round(source.getWidth() * reduce));
        int h = Math.max(1, (int) Math.round(source.getHeight() * reduce));
        BufferedImage working = ImageScaling.scale(source, w, h);
        int[] argb = working.getRGB(0, 0, w, h, null, 0, w);
        if (!transparent(argb)) {
            int backdrop = uniformCorners(argb, w, h);
            if (backdrop >= 0) {
                removeBackdrop(argb, w, h, backdrop);
            } else {
                roundCorners(argb, w, h);
            }
        }
        int[] box = bounds(argb, w, h);
        int pad = Math.max(2, Math.round(Math.max(box[2], box[3]) * 0.02f));
        int x0 = Math.max(0, box[0] - pad), y0 = Math.max(0, box[1] - pad);
        int x1 = Math.min(w, box[0] + box[2] + pad), y1 = Math.min(h, box[1] + box[3] + pad);
        int cw = x1 - x0, ch = y1 - y0;
        int[] cropped = new int[cw * ch];
        for (int y = 0; y < ch; y++) {
            System.arraycopy(argb, (y0 + y) * w + x0, cropped, y * cw, cw);
        }
        boolean cutOff = box[1] + box[3] >= h - Math.max(1, h / 100);
        Rectangle2D mouthInCrop = mouth(cropped, cw, ch, box[0] - x0, box[1] - y0, box[2], box[3], cutOff);
        Color skin = new Color(grade.apply(average(cropped, cw, mouthInCrop)));
        grade.applyInPlace(cropped);
        BufferedImage crop = new BufferedImage(cw, ch, BufferedImage.TYPE_INT_ARGB);
        crop.setRGB(0, 0, cw, ch, cropped, 0, cw);

        double fit = Math.min((double) maxWidth / cw, (double) maxHeight / ch);
        int sw = Math.max(1, (int) Math.round(cw * fit));
        int sh = Math.max(1, (int) Math.round(ch * fit));
        BufferedImage sprite = ImageScaling.scale(crop, sw, sh);
        double sx = (double) sw / cw, sy = (double) sh / ch;
        Rectangle2D mouth = new Rectangle2D.Double(mouthInCrop.getX() * sx, mouthInCrop.getY() * sy,
                mouthInCrop.getWidth() * sx, mouthInCrop.getHeight() * sy);
        return new CharacterCutout(sprite, mouth, skin);
    }

    /**
     * How far down the figure's box the mouth is first looked for, by the box's height over its width and whether
     * the picture's bottom edge cuts the figure off.
     */
    static double mouthRow(double aspect, boolean cutOff) {
        if (aspect <= 1.1) {
            return 0.62;
        }
        if (cutOff) {
            return 0.55;
        }
        return aspect > 1.6 ? 0.33 : 0.42;
    }

    private static boolean transparent(int[] argb) {
        long clear = 0;
        for (int pixel : argb) {
            if ((pixel >>> 24) < 128) {
                clear++;
            }
        }
        return clear > argb.length / 100;
    }

    /** The corners' mean colour when the four corners are one colour, else -1. */
    private static int uniformCorners(int[] argb, int w, int h) {
        int patch = Math.max(1, Math.min(w, h) / 50);
        int[][] corners = {{0, 0}, {w - patch, 0}, {0, h - patch}, {w - patch, h - patch}};
        int[] means = new int[4];
        long r = 0, g = 0, b = 0;
        for (int c = 0; c < 4; c++) {
            long cr = 0, cg = 0, cb = 0;
            for (int y = 0; y < patch; y++) {
                for (int x = 0; x < patch; x++) {
                    int p = argb[(corners[c][1] + y) * w + corners[c][0] + x];
                    cr += (p >> 16) & 0xff;
                    cg += (p >> 8) & 0xff;
                    cb += p & 0xff;
                }
            }
            int n = patch * patch;
            means[c] = (int) (cr / n) << 16 | (int) (cg / n) << 8 | (int) (cb / n);
            r += cr / n;
            g += cg / n;
            b += cb / n;
        }
        int mean = (int) (r / 4) << 16 | (int) (g / 4) << 8 | (int) (b / 4);
        for (int c : means) {
            if (distance(c, mean) > UNIFORM_CORNERS) {
                return -1;
            }
        }
        return mean;
    }

    /** Flood fill from the border through backdrop-coloured pixels; they become clear, their edge half clear. */
    private static void removeBackdrop(int[] argb, int w, int h, int backdrop) {
        boolean[] clear = new boolean[w * h];
        int[] queue = new int[w * h];
        int head = 0, tail = 0;
        for (int x = 0; x < w; x++) {
            tail = seed(argb, clear, queue, tail, x, backdrop);
            tail = seed(argb, clear, queue, tail, (h - 1) * w + x, backdrop);
        }
        for (int y = 0; y < h; y++) {
            tail = seed(argb, clear, queue, tail, y * w, backdrop);
            tail = seed(argb, clear, queue, tail, y * w + w - 1, backdrop);
        }
        while (head < tail) {
            int i = queue[head++];
            int x = i % w, y = i / w;
            if (x > 0) {
                tail = seed(argb, clear, queue, tail, i - 1, backdrop);
            }
            if (x < w - 1) {
                tail = seed(argb, clear, queue, tail, i + 1, backdrop);
            }
            if (y > 0) {
                tail = seed(argb, clear, queue, tail, i - w, backdrop);
            }
            if (y < h - 1) {
                tail = seed(argb, clear, queue, tail, i + w, backdrop);
            }
        }
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                if (clear[i]) {
                    argb[i] &= 0x00ffffff;
                } else if ((x > 0 && clear[i - 1]) || (x < w - 1 && clear[i + 1]) || (y > 0 && clear[i - w])
                        || (y < h - 1 && clear[i + w])) {
                    argb[i] = (argb[i] & 0x00ffffff) | 0x80000000;
                }
            }
        }
    }

    private static int seed(int[] argb, boolean[] clear, int[] queue, int tail, int i, int backdrop) {
        if (!clear[i] && distance(argb[i], backdrop) < BACKDROP_DISTANCE) {
            clear[i] = true;
            queue[tail++] = i;
        }
        return tail;
    }

    private static void roundCorners(int[] argb, int w, int h) {
        double radius = Math.min(w, h) * 0.08;
        RoundRectangle2D card = new RoundRectangle2D.Double(0, 0, w, h, 2 * radius, 2 * radius);
        int r = (int) Math.ceil(radius);
        for (int y = 0; y < h; y++) {
            if (y >= r && y < h - r) {
                continue;
            }
            for (int x = 0; x < w; x++) {
                if ((x < r || x >= w - r) && !card.contains(x + 0.5, y + 0.5)) {
                    argb[y * w + x] &= 0x00ffffff;
                }
            }
        }
    }

    /** {x, y, width, height} of the pixels at least half opaque; the whole picture when there are none. */
    private static int[] bounds(int[] argb, int w, int h) {
        int minX = w, minY = h, maxX = -1, maxY = -1;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if ((argb[y * w + x] >>> 24) >= 128) {
                    minX = Math.min(minX, x);
                    maxX = Math.max(maxX, x);
                    minY = Math.min(minY, y);
                    maxY = Math.max(maxY, y);
                }
            }
        }
        return maxX < 0 ? new int[] {0, 0, w, h} : new int[] {minX, minY, maxX - minX + 1, maxY - minY + 1};
    }

    /** The mouth's box, in the crop's pixels, from the figure's box {@code (bx, by, bw, bh)} in the same pixels. */
    private static Rectangle2D mouth(int[] argb, int w, int h, int bx, int by, int bw, int bh, boolean cutOff) {
        int guess = by + (int) Math.round(bh * mouthRow((double) bh / bw, cutOff));
        int row = darkestBand(argb, w, h, bx + bw / 2, Math.max(1, bw / 10), guess, (int) Math.round(bh * MOUTH_SEARCH),
                Math.max(1, bh / 60));
        int left = -1, right = -1;
        for (int x = 0; x < w; x++) {
            if ((argb[row * w + x] >>> 24) >= 128) {
                left = left < 0 ? x : left;
                right = x;
            }
        }
        if (left < 0) {
            left = bx;
            right = bx + bw - 1;
        }
        double span = right - left + 1;
        double mouthWidth = Math.max(4, span * MOUTH_WIDTH_SHARE);
        double mouthHeight = mouthWidth * 0.6;
        double centreX = (left + right + 1) / 2.0;
        return new Rectangle2D.Double(centreX - mouthWidth / 2, row - mouthHeight / 2, mouthWidth, mouthHeight);
    }

    /**
     * The row, within {@code reach} of {@code guess}, whose band of {@code 2 * half + 1} rows has the lowest mean
     * luma over its opaque pixels between {@code centre - halfWidth} and {@code centre + halfWidth}; the guess when
     * no row there has opaque pixels. Ties go to the row nearest the guess.
     */
    private static int darkestBand(int[] argb, int w, int h, int centre, int halfWidth, int guess, int reach, int half) {
        int from = Math.max(0, guess - reach - half);
        int to = Math.min(h - 1, guess + reach + half);
        double[] luma = new double[to - from + 1];
        int[] count = new int[to - from + 1];
        for (int y = from; y <= to; y++) {
            for (int x = Math.max(0, centre - halfWidth); x <= Math.min(w - 1, centre + halfWidth); x++) {
                int p = argb[y * w + x];
                if ((p >>> 24) >= 128) {
                    luma[y - from] += 0.2126 * ((p >> 16) & 0xff) + 0.7152 * ((p >> 8) & 0xff) + 0.0722 * (p & 0xff);
                    count[y - from]++;
                }
            }
        }
        int best = Math.clamp(guess, 0, h - 1);
        double darkest = Double.MAX_VALUE;
        for (int y = Math.max(from + half, guess - reach); y <= Math.min(to - half, guess + reach); y++) {
            double sum = 0;
            int n = 0;
            for (int k = y - half; k <= y + half; k++) {
                sum += luma[k - from];
                n += count[k - from];
            }
            if (n == 0) {
                continue;
            }
            double mean = sum / n;
            if (mean < darkest - 1e-9 || (Math.abs(mean - darkest) <= 1e-9 && Math.abs(y - guess) < Math.abs(best - guess))) {
                darkest = mean;
                best = y;
            }
        }
        return best;
    }

    private static int average(int[] argb, int w, Rectangle2D box) {
        long r = 0, g = 0, b = 0, n = 0;
        int h = argb.length / w;
        for (int y = (int) Math.max(0, box.getY()); y < Math.min(h, box.getMaxY()); y++) {
            for (int x = (int) Math.max(0, box.getX()); x < Math.min(w, box.getMaxX()); x++) {
                int p = argb[y * w + x];
                if ((p >>> 24) >= 128) {
                    r += (p >> 16) & 0xff;
                    g += (p >> 8) & 0xff;
                    b += p & 0xff;
                    n++;
                }
            }
        }
        return n == 0 ? 0x8a5a44 : (int) (r / n) << 16 | (int) (g / n) << 8 | (int) (b / n);
    }

    private static double distance(int a, int b) {
        int dr = ((a >> 16) & 0xff) - ((b >> 16) & 0xff);
        int dg = ((a >> 8) & 0xff) - ((b >> 8) & 0xff);
        int db = (a & 0xff) - (b & 0xff);
        return Math.sqrt(dr * dr + dg * dg + db * db);
    }
}
