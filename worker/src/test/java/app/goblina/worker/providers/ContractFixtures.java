package app.goblina.worker.providers;

import static org.assertj.core.api.Assertions.assertThat;

import app.goblina.analysis.CharacterImage;
import app.goblina.domain.Preset;
import app.goblina.domain.StyleGuide;
import app.goblina.scenarios.ScenarioBrief;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;
import javax.imageio.ImageIO;

/** Inputs and checks the provider contract suites share. */
public final class ContractFixtures {

    /** The request timeout every adapter under contract test gets: short, so the slow-provider test stays quick. */
    public static final Duration TIMEOUT = Duration.ofMillis(500);
    /** How long a slow fake waits: well past {@link #TIMEOUT}. */
    public static final Duration SLOWER_THAN_TIMEOUT = Duration.ofSeconds(3);
    /** A call that times out must give up within this: the timeout plus ample slack, a bound and not a benchmark. */
    public static final Duration TIMEOUT_BOUND = Duration.ofSeconds(2);
    /** The response cap adapters get in tests, small enough for a test to exceed cheaply. */
    public static final int MAX_RESPONSE_BYTES = 64 * 1024;

    public static final String CHARACTER = "Ms. Goblina";
    public static final StyleGuide GUIDE = new StyleGuide("a green goblin woman with big ears and a purple cardigan",
            "3D cartoon, soft studio light", List.of("#4f9a3a", "#7a2e8c"), List.of("sassy", "secretly kind"));

    private ContractFixtures() {
    }

    /** A small PNG of a green figure with a purple accent on a pale backdrop. */
    public static CharacterImage characterImage() {
        BufferedImage image = new BufferedImage(96, 128, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(0xf5f0e8));
        g.fillRect(0, 0, 96, 128);
        g.setColor(new Color(0x3f8f2f));
        g.fillOval(24, 10, 48, 48);
        g.fillRect(30, 56, 36, 60);
        g.setColor(new Color(0x7a2e8c));
        g.fillRect(30, 70, 36, 20);
        g.dispose();
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", png);
            byte[] bytes = png.toByteArray();
            return new CharacterImage(bytes, "image/png", 96, 128,
                    HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static ScenarioBrief brief(int count) {
        return new ScenarioBrief(CHARACTER, GUIDE, "why goblins make the best baristas", Preset.SASSY, count, 4);
    }

    /** Runs {@code call}, which must fail, and asserts it gave up within {@link #TIMEOUT_BOUND}. */
    public static Throwable failsWithinTheTimeoutBound(Supplier<?> call) {
        long started = System.nanoTime();
        Throwable thrown = null;
        try {
            call.get();
        } catch (RuntimeException e) {
            thrown = e;
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(thrown).as("the call should have failed").isNotNull();
        assertThat(took).as("time until the call gave up").isLessThan(TIMEOUT_BOUND);
        return thrown;
    }
}
