package app.goblina.launcher.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import app.goblina.clips.ClipRequest;
import app.goblina.domain.Preset;
import app.goblina.worker.media.AnimatedClip;
import app.goblina.worker.media.AnimatedClipRenderer;
import app.goblina.worker.media.ClipRenderer;
import app.goblina.worker.media.ClipRenderer.ClipSpec;
import app.goblina.worker.providers.local.LocalVideoGenerator;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * {@code ./goblina bench --only local-clip}: the CPU one 4 s clip at 1080x1920 30 fps costs the local video
 * generator, animated (each preset) against the Ken Burns pan over the still that it rendered before, on the same
 * character picture and palette in the same JVM. CPU is the process's (every thread: Java2D painting, the frame
 * conversion and libx264's own threads), measured around each render after a warm-up, renders alternating between
 * the sides; the median of {@code goblina.bench.localclip.repeats} (default 3) is printed with wall time.
 * Runs only with {@code -Dgoblina.bench=true}.
 */
class LocalClipBenchmark {

    private static final int REPEATS = Integer.getInteger("goblina.bench.localclip.repeats", 3);
    private static final int WIDTH = 1080;
    private static final int HEIGHT = 1920;
    private static final int SECONDS = 4;
    private static final List<String> PALETTE = List.of("#46a03c", "#f2c14e", "#2a6fdb", "#c84a8a", "#7a2e8c");
    private static final String LINE = "Let me explain why goblins make the best baristas. Slowly. For you.";

    private record Measured(List<Double> cpu, List<Double> wall) {
    }

    @Test
    void theAnimatedLocalClipAgainstTheKenBurnsPanInCpuSecondsPerClip() throws Exception {
        assumeTrue(Boolean.getBoolean("goblina.bench"), "run with ./goblina bench");
        Path dir = Files.createTempDirectory("goblina-local-clip-bench");
        Path image = dir.resolve("character.png");
        Files.write(image, character());
        Path target = dir.resolve("clip.mp4");

        Map<String, Runnable> sides = new LinkedHashMap<>();
        sides.put("Ken Burns pan (before)", () -> new ClipRenderer().render(
                new ClipSpec(WIDTH, HEIGHT, 30, SECONDS, PALETTE, null), image, target));
        AnimatedClipRenderer animated = new AnimatedClipRenderer();
        for (Preset preset : Preset.values()) {
            AnimatedClip clip = LocalVideoGenerator.animation(new ClipRequest("bench-" + preset.wireName(),
                    "a goblin explains coffee", LINE, new byte[0], "image/png", PALETTE, SECONDS, WIDTH, HEIGHT, null,
                    preset));
            sides.put("animated, " + preset.wireName(), () -> animated.render(clip, image, target));
        }
        Map<String, Measured> results = new LinkedHashMap<>();
        sides.keySet().forEach(name -> results.put(name, new Measured(new ArrayList<>(), new ArrayList<>())));
        sides.values().forEach(Runnable::run);
        for (int round = 0; round < REPEATS; round++) {
            for (Map.Entry<String, Runnable> side : sides.entrySet()) {
                long cpu = processCpuNanos();
                long wall = System.nanoTime();
                side.getValue().run();
                results.get(side.getKey()).wall().add((System.nanoTime() - wall) / 1e9);
                results.get(side.getKey()).cpu().add((processCpuNanos() - cpu) / 1e9);
            }
        }

        double before = Percentiles.median(results.get("Ken Burns pan (before)").cpu());
        StringBuilder table = new StringBuilder();
        table.append(String.format("Local clip: %dx%d, 30 fps, %d s (%d frames), %d cores, median of %d renders%n",
                WIDTH, HEIGHT, SECONDS, SECONDS * 30, Runtime.getRuntime().availableProcessors(), REPEATS));
        table.append(String.format("%-26s %12s %12s %16s%n", "", "CPU s/clip", "wall s/clip", "CPU vs before"));
        for (Map.Entry<String, Measured> row : results.entrySet()) {
            double cpu = Percentiles.median(row.getValue().cpu());
            table.append(String.format("%-26s %12.2f %12.2f %15.2fx%n", row.getKey(), cpu,
                    Percentiles.median(row.getValue().wall()), cpu / before));
        }
        System.out.println(table);
        Path out = BenchStack.REPO_ROOT.resolve("launcher/target/bench");
        Files.createDirectories(out);
        Files.writeString(out.resolve("local-clip.txt"), table.toString());
        assertThat(results.values()).allSatisfy(m -> assertThat(m.cpu()).hasSize(REPEATS));
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** A 768x1024 cartoon goblin on a transparent background, as a character picture usually is. */
    private static byte[] character() throws Exception {
        BufferedImage image = new BufferedImage(768, 1024, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(new Color(70, 160, 60));
            g.fillOval(130, 50, 500, 460);
            g.fillRoundRect(200, 480, 360, 500, 80, 80);
            g.setColor(Color.WHITE);
            g.fillOval(250, 190, 100, 100);
            g.fillOval(420, 190, 100, 100);
            g.setColor(Color.BLACK);
            g.fillOval(285, 225, 36, 36);
            g.fillOval(455, 225, 36, 36);
            g.setStroke(new BasicStroke(12));
            g.drawArc(290, 300, 190, 110, 200, 140);
            g.setColor(new Color(122, 46, 140));
            g.fillRect(200, 560, 360, 120);
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(image, "png", png);
        return png.toByteArray();
    }
}
