package app.goblina.worker.media;

import app.goblina.worker.media.ClipRenderer.ClipSpec;
import app.goblina.worker.media.MediaProbe.MediaInfo;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * Renders a one-second captioned clip with the worker's own renderer and reads it back: the check that a machine
 * or a container image can do a worker's media work (FFmpeg's natives load and encode H.264, Java2D draws with
 * the caption font), without a database or a job.
 *
 * <pre>java -cp … app.goblina.worker.media.MediaSelfCheck [caption-font.ttf]</pre>
 *
 * <p>Prints one line, {@code media self-check: ok …} with what it read back, and exits 0; or prints why it failed and
 * exits 1. The font defaults to {@code GOBLINA_CAPTION_FONT}, else DejaVu Sans Bold.
 */
public final class MediaSelfCheck {

    private static final int SIZE = 64;
    private static final int FPS = 10;

    private MediaSelfCheck() {}

    public static void main(String[] args) {
        PrintStream out = System.out;
        try {
            out.println("media self-check: ok " + describe(run(font(args))));
        } catch (RuntimeException | IOException | LinkageError e) {
            out.println("media self-check: failed: " + e);
            System.exit(1);
        }
    }

    private static Path font(String[] args) {
        if (args.length > 0) {
            return Path.of(args[0]);
        }
        String configured = System.getenv("GOBLINA_CAPTION_FONT");
        return configured == null || configured.isBlank() ? CaptionFonts.DEFAULT_FONT_FILE : Path.of(configured);
    }

    /** Renders the clip in a temporary folder, reads it back and removes the folder. */
    static MediaInfo run(Path fontFile) throws IOException {
        Path folder = Files.createTempDirectory("goblina-self-check-");
        try {
            Path character = folder.resolve("character.png");
            ImageIO.write(character(), "png", character.toFile());
            Path clip = folder.resolve("clip.mp4");
            new ClipRenderer(fontFile)
                    .render(new ClipSpec(SIZE * 2, SIZE * 2, FPS, 1, List.of("#2e7d32", "#1b5e20"), "ok"), character,
                            clip);
            MediaInfo info = new MediaProbe().probe(clip);
            if (!"h264".equals(info.videoCodec()) || info.width() != SIZE * 2 || info.durationSeconds() <= 0) {
                throw new IllegalStateException("the clip read back is not a 128x128 H.264 video: " + info);
            }
            return info;
        } finally {
            try (Stream<Path> files = Files.walk(folder)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    private static BufferedImage character() {
        BufferedImage image = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_INT_ARGB);
        Graphics2D graphics = image.createGraphics();
        try {
            graphics.setColor(new Color(0x4f9a3a));
            graphics.fillOval(8, 8, SIZE - 16, SIZE - 16);
        } finally {
            graphics.dispose();
        }
        return image;
    }

    private static String describe(MediaInfo info) {
        return "%s %s %dx%d %.1f s".formatted(info.videoCodec(), info.pixelFormat(), info.width(), info.height(),
                info.durationSeconds());
    }
}
