package app.goblina.worker.providers.images;

import app.goblina.failures.PermanentFailure;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import javax.imageio.IIOImage;
import app.goblina.worker.media.BoundedImageDecode;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Turns a character image into the first frame a video model is given: exactly the frame's size, the whole
 * character visible (scaled to fit and centred, the rest filled with the style guide's background colour, never
 * cropped, since a cut-off character would be animated cut off), re-encoded. Sora refuses a reference whose size
 * differs from the requested one; other models follow the reference's shape.
 *
 * <p>Blocking and CPU-bound (a few tens of milliseconds for a 720p frame). Every clip of a project starts from
 * the same character at the same size, so fitted frames are kept in a small cache (Caffeine, {@value #CACHE_BYTES}
 * bytes at most, least recently used first out) keyed by the image's SHA-256, the frame size, the background
 * colour and the encoding: a project's second and later clips reuse the first one's frame. Thread-safe; two
 * clips asking for the same frame at once compute it once.
 */
public final class ReferenceFrames {

    /** The encodings a frame can be written in. */
    public enum Encoding {
        /** Lossless; what Sora's examples use. */
        PNG("image/png"),
        /** Small (a tenth of PNG or less): for references sent inline as data URLs. */
        JPEG("image/jpeg");

        private final String mediaType;

        Encoding(String mediaType) {
            this.mediaType = mediaType;
        }

        public String mediaType() {
            return mediaType;
        }
    }

    /** A reference frame is at most 1080×1920 or so: 8 MP of source is more than it can show. */
    static final long MAX_DECODED_PIXELS = 8_000_000L;

    /** About a hundred 720p JPEG frames, or a dozen 1080p PNG ones. */
    static final long CACHE_BYTES = 16L * 1024 * 1024;

    private static final Cache<FrameKey, byte[]> FITTED = Caffeine.newBuilder()
            .maximumWeight(CACHE_BYTES)
            .weigher((FrameKey key, byte[] frame) -> frame.length)
            .build();

    private static final LongAdder DRAWN = new LongAdder();

    /** What makes two fitted frames the same: the image's content, the frame's size, its background, its encoding. */
    private record FrameKey(String imageSha256, int width, int height, int backgroundRgb, Encoding encoding) {
    }

    private ReferenceFrames() {
    }

    /**
     * @param image     PNG, JPEG or WebP bytes
     * @param palette   the style guide's colours ({@code #rrggbb}); the first fills the margins, white when empty or null
     * @throws PermanentFailure when the image cannot be decoded or is absurdly large
     */
    public static byte[] fit(byte[] image, int width, int height, List<String> palette, Encoding encoding) {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("frame size must be positive, was " + width + "x" + height);
        }
        if (image == null || image.length == 0) {
            throw new PermanentFailure("the character image is empty");
        }
        Color background = background(palette);
        FrameKey key = new FrameKey(sha256(image), width, height, background.getRGB(), encoding);
        // a copy: callers own what they are given
        return FITTED.get(key, unused -> draw(image, width, height, background, encoding)).clone();
    }

    /** How many frames this process has drawn rather than taken from the cache. */
    static long framesDrawn() {
        return DRAWN.sum();
    }

    private static byte[] draw(byte[] image, int width, int height, Color background, Encoding encoding) {
        DRAWN.increment();
        BufferedImage source = decode(image);
        BufferedImage frame = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = frame.createGraphics();
        try {
            g.setColor(background);
            g.fillRect(0, 0, width, height);
            double scale = Math.min((double) width / source.getWidth(), (double) height / source.getHeight());
            int w = Math.max(1, (int) Math.round(source.getWidth() * scale));
            int h = Math.max(1, (int) Math.round(source.getHeight() * scale));
            g.drawImage(scaled(source, w, h), (width - w) / 2, (height - h) / 2, null);
        } finally {
            g.dispose();
        }
        return encode(frame, encoding);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static BufferedImage decode(byte[] bytes) {
        try (ImageInputStream input = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            return BoundedImageDecode.read(input, MAX_DECODED_PIXELS);
        } catch (IOException | IndexOutOfBoundsException e) {
            throw new PermanentFailure("the character image could not be decoded", e);
        }
    }

    /** Halving steps for large reductions: one bilinear step would skip source pixels and alias. */
    private static BufferedImage scaled(BufferedImage source, int width, int height) {
        BufferedImage current = source;
        do {
            int nextWidth = current.getWidth() / 2 >= width ? current.getWidth() / 2 : width;
            int nextHeight = current.getHeight() / 2 >= height ? current.getHeight() / 2 : height;
            BufferedImage next = new BufferedImage(nextWidth, nextHeight, BufferedImage.TYPE_INT_ARGB_PRE);
            Graphics2D g = next.createGraphics();
            try {
                g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
                g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
                g.drawImage(current, 0, 0, nextWidth, nextHeight, null);
            } finally {
                g.dispose();
            }
            current = next;
        } while (current.getWidth() != width || current.getHeight() != height);
        return current;
    }

    private static Color background(List<String> palette) {
        if (palette == null || palette.isEmpty()) {
            return Color.WHITE;
        }
        try {
            return Color.decode(palette.getFirst());
        } catch (NumberFormatException e) {
            return Color.WHITE;
        }
    }

    private static byte[] encode(BufferedImage frame, Encoding encoding) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (encoding == Encoding.PNG) {
                ImageIO.write(frame, "png", out);
                return out.toByteArray();
            }
            ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
            try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
                ImageWriteParam params = writer.getDefaultWriteParam();
                params.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                params.setCompressionQuality(0.9f);
                writer.setOutput(stream);
                writer.write(null, new IIOImage(frame, null, null), params);
            } finally {
                writer.dispose();
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("could not encode the reference frame", e);
        }
    }
}
