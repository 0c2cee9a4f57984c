package app.goblina.worker.providers;

import app.goblina.clips.ClipRequest;
import app.goblina.worker.media.ClipRenderer;
import app.goblina.worker.media.ClipRenderer.ClipSpec;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import javax.imageio.ImageIO;

/**
 * What the video contract suites feed generators and fakes: a character image, clip requests, and one real MP4
 * (made once per test run with the project's own renderer) for the fakes to serve as every finished video.
 */
public final class VideoContractMedia {

    public static final List<String> PALETTE = List.of("#4f9a3a", "#7a2e8c");
    private static volatile Path video;

    private VideoContractMedia() {
    }

    /** A 300x400 PNG of a green figure on a transparent background: not the shape of any video frame. */
    public static byte[] characterPng() {
        BufferedImage image = new BufferedImage(300, 400, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(new Color(0x3f8f2f));
            g.fillOval(60, 20, 180, 180);
            g.fillRect(90, 190, 120, 200);
            g.setColor(new Color(0x7a2e8c));
            g.fillRect(90, 240, 120, 60);
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return png.toByteArray();
    }

    /** A request for a vertical clip of {@code seconds} at {@code width}x{@code height}, with a fresh idempotency key. */
    public static ClipRequest request(String prompt, int seconds, int width, int height) {
        return new ClipRequest(UUID.randomUUID().toString(), prompt, "Espresso, darling", characterPng(), "image/png",
                PALETTE, seconds, width, height);
    }

    /** A one-second 160x288 H.264 MP4, rendered on first use and shared by every test of the run. */
    public static Path video() {
        Path ready = video;
        if (ready != null) {
            return ready;
        }
        synchronized (VideoContractMedia.class) {
            if (video == null) {
                video = render();
            }
            return video;
        }
    }

    private static Path render() {
        try {
            Path dir = Files.createTempDirectory("goblina-video-contract");
            Path image = dir.resolve("character.png");
            Files.write(image, characterPng());
            Path clip = dir.resolve("provider-clip.mp4");
            new ClipRenderer().render(new ClipSpec(160, 288, 12, 1, PALETTE, null), image, clip);
            dir.toFile().deleteOnExit();
            clip.toFile().deleteOnExit();
            image.toFile().deleteOnExit();
            return clip;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
