package app.goblina.worker.providers.images;

import app.goblina.failures.PermanentFailure;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
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
 * <p>Blocking and CPU-bound (a few tens of milliseconds for a 720p frame). Stateless and thread-safe.
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
        BufferedImage source = decode(image);
        BufferedImage frame = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = frame.createGraphics();
        try {
            g.setColor(background(palette));
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

    private static BufferedImage decode(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw new PermanentFailure("the character image is empty");
        }
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
