package app.goblina.worker.media;

import app.goblina.failures.PermanentFailure;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Decodes a character image under two bounds, both checked from the header before a pixel is decoded: a hard cap on
 * the declared size ({@link #maxDeclaredPixels()}, sized from this JVM's heap), and a budget for the decoded
 * raster: an image above it is decoded subsampled (every n-th pixel in each direction) so a 40 MP, 16-bit PNG or a
 * tiny JPEG declaring 6000×6000 costs what the use needs, not what the header claims.
 */
public final class BoundedImageDecode {

    /** The platform's upload cap is 40 MP; the worker takes at most that, and less on a small heap. */
    static final long UPLOAD_CAP_PIXELS = 40_000_000L;
    /** Bytes a decoded pixel may take at worst (16-bit RGBA), times the copies a stage makes. */
    private static final long BYTES_PER_PIXEL_WITH_COPIES = 8L * 4;

    private BoundedImageDecode() {
    }

    /** The largest declared image this worker decodes at all: the upload cap, or a sixteenth of the heap. */
    public static long maxDeclaredPixels() {
        return Math.min(UPLOAD_CAP_PIXELS, Runtime.getRuntime().maxMemory() / 16 / BYTES_PER_PIXEL_WITH_COPIES * 16);
    }

    /**
     * Decodes the image from {@code input}, subsampled so the raster has at most {@code maxDecodedPixels}.
     *
     * @throws PermanentFailure when it is not an image, declares more than {@link #maxDeclaredPixels()}, or is corrupt
     */
    public static BufferedImage read(ImageInputStream input, long maxDecodedPixels) throws IOException {
        Iterator<ImageReader> readers = input == null ? null : ImageIO.getImageReaders(input);
        if (readers == null || !readers.hasNext()) {
            throw new PermanentFailure("the character image is not a PNG, JPEG or WebP image");
        }
        ImageReader reader = readers.next();
        try {
            reader.setInput(input, true, true);
            int width = reader.getWidth(0);
            int height = reader.getHeight(0);
            long pixels = (long) width * height;
            if (width <= 0 || height <= 0 || pixels > maxDeclaredPixels()) {
                throw new PermanentFailure("the character image is " + width + "x" + height + " pixels, more than the "
                        + maxDeclaredPixels() + " this worker decodes");
            }
            ImageReadParam param = reader.getDefaultReadParam();
            int step = subsampling(pixels, maxDecodedPixels);
            if (step > 1) {
                param.setSourceSubsampling(step, step, 0, 0);
            }
            return reader.read(0, param);
        } catch (IndexOutOfBoundsException | IllegalArgumentException e) {
            throw new PermanentFailure("the character image could not be decoded", e);
        } finally {
            reader.dispose();
        }
    }

    /** The smallest step n with (pixels / n²) within the budget. */
    static int subsampling(long pixels, long maxDecodedPixels) {
        int step = 1;
        while (pixels / ((long) step * step) > maxDecodedPixels) {
            step++;
        }
        return step;
    }
}
