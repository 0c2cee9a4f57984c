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
 * the declared size ({@link #maxDeclaredPixels(String)}: the upload cap, and for WebP a share of this JVM's heap),
 * and a budget for the decoded
 * raster: an image above it is decoded subsampled (every n-th pixel in each direction) so a 40 MP, 16-bit PNG or a
 * tiny JPEG declaring 6000×6000 costs what the use needs, not what the header claims.
 */
public final class BoundedImageDecode {

    /** The platform's upload cap is 40 MP; the worker takes at most that. */
    static final long UPLOAD_CAP_PIXELS = 40_000_000L;
    /**
     * Heap a WebP decode needs per declared pixel: TwelveMonkeys' WebP reader decodes the whole frame before it
     * subsamples. Measured on a 40 MP image: lossy peaked at 968 MB, lossless at 170–180 MB, at any subsampling.
     * PNG (8/16-bit, interlaced or not) and JPEG (baseline, progressive) decode subsampled rows: 22–44 MB at every
     * 3rd pixel, so they need no heap-based cap. Lossy WebP is about 24 bytes a pixel; several of a project's clips
     * decode the character at once, so four decodes must fit in half the heap, as at the API: 24 × 4 × 2.
     */
    static final long WEBP_HEAP_BYTES_PER_PIXEL = 192;

    private BoundedImageDecode() {
    }

    /**
     * The largest declared image of {@code format} (ImageIO's format name) this worker decodes at all: the upload
     * cap, and for WebP at most the heap / 192 (5.6 MP on 1 GiB, twice what the API's 512 MB accepts).
     */
    public static long maxDeclaredPixels(String format) {
        if ("webp".equalsIgnoreCase(format)) {
            return Math.min(UPLOAD_CAP_PIXELS, Runtime.getRuntime().maxMemory() / WEBP_HEAP_BYTES_PER_PIXEL);
        }
        return UPLOAD_CAP_PIXELS;
    }

    /**
     * Decodes the image from {@code input}, subsampled so the raster has at most {@code maxDecodedPixels}.
     *
     * @throws PermanentFailure when it is not an image, declares more than {@link #maxDeclaredPixels(String)}, or is corrupt
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
            long maxDeclared = maxDeclaredPixels(reader.getFormatName());
            if (width <= 0 || height <= 0 || pixels > maxDeclared) {
                throw new PermanentFailure("the character image is " + width + "x" + height + " pixels, more than the "
                        + maxDeclared + " this worker decodes");
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
