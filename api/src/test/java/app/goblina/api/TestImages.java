package app.goblina.api;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Random;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;

/** Image bytes for upload tests, made on the spot. */
final class TestImages {

    private TestImages() {
    }

    /** A small goblin-green figure on a light backdrop. */
    static byte[] png(int width, int height) {
        return encode(figure(width, height), "png");
    }

    static byte[] jpeg(int width, int height) {
        return encode(figure(width, height), "jpeg");
    }

    /** A PNG whose pixels are noise, so its compressed data is large enough to cut in the middle. */
    static byte[] noisyPng(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(7);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, random.nextInt(0xffffff));
            }
        }
        return encode(image, "png");
    }

    /**
     * A well-formed PNG header that claims {@code width × height} pixels, followed by a tiny data chunk: what an
     * attacker sends to make a server allocate gigabytes.
     */
    static byte[] pngClaiming(int width, int height) {
        ByteBuffer buffer = ByteBuffer.allocate(8 + 25 + 12 + 12 + 12);
        buffer.put(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 8).put((byte) 2)
                .put((byte) 0).put((byte) 0).put((byte) 0);
        chunk(buffer, "IHDR", ihdr.array());
        chunk(buffer, "IDAT", new byte[0]);
        chunk(buffer, "IEND", new byte[0]);
        byte[] bytes = new byte[buffer.position()];
        buffer.flip().get(bytes);
        return bytes;
    }

    private static void chunk(ByteBuffer buffer, String type, byte[] data) {
        buffer.putInt(data.length);
        byte[] typeBytes = type.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        buffer.put(typeBytes).put(data);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        buffer.putInt((int) crc.getValue());
    }

    private static BufferedImage figure(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(0xf4efe6));
        g.fillRect(0, 0, width, height);
        g.setColor(new Color(0x4f9a3a));
        g.fillOval(width / 4, height / 6, width / 2, height * 2 / 3);
        g.setColor(new Color(0x3b2a4a));
        g.fillRect(width / 3, height * 2 / 3, width / 3, height / 4);
        g.dispose();
        return image;
    }

    private static byte[] encode(BufferedImage image, String format) {
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("No writer for " + format);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
