package app.goblina.worker.providers.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.goblina.failures.PermanentFailure;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class ReferenceFramesTest {

    private static final Path GOBLINA = Path.of("../examples/ms-goblina.png");

    @Test
    void aFrameIsTheAskedSizeWithTheWholeCharacterCentredOnThePaletteBackground() throws IOException {
        byte[] frame = ReferenceFrames.fit(Files.readAllBytes(GOBLINA), 720, 1280, List.of("#204080"),
                ReferenceFrames.Encoding.JPEG);

        BufferedImage read = ImageIO.read(new ByteArrayInputStream(frame));
        assertThat(read.getWidth()).isEqualTo(720);
        assertThat(read.getHeight()).isEqualTo(1280);
        // 768x1024 fitted into 720x1280 leaves bands above and below, filled with the first palette colour
        assertThat(near(new Color(read.getRGB(360, 5)), new Color(0x204080))).isTrue();
        assertThat(near(new Color(read.getRGB(360, 1274)), new Color(0x204080))).isTrue();
        assertThat(near(new Color(read.getRGB(360, 640)), new Color(0x204080))).as("the character fills the middle").isFalse();
    }

    @Test
    void theSameImageAtTheSameSizeIsDrawnOnceAndThenReused() throws IOException {
        byte[] image = noise(41);
        long before = ReferenceFrames.framesDrawn();

        byte[] first = ReferenceFrames.fit(image, 720, 1280, List.of("#4f9a3a"), ReferenceFrames.Encoding.JPEG);
        byte[] second = ReferenceFrames.fit(image.clone(), 720, 1280, List.of("#4f9a3a"), ReferenceFrames.Encoding.JPEG);

        assertThat(second).isEqualTo(first);
        assertThat(ReferenceFrames.framesDrawn() - before).isEqualTo(1);
    }

    @Test
    void anotherSizeBackgroundEncodingOrImageIsDrawnAfresh() throws IOException {
        byte[] image = noise(42);
        byte[] base = ReferenceFrames.fit(image, 720, 1280, List.of("#4f9a3a"), ReferenceFrames.Encoding.JPEG);
        long before = ReferenceFrames.framesDrawn();

        byte[] otherSize = ReferenceFrames.fit(image, 1280, 720, List.of("#4f9a3a"), ReferenceFrames.Encoding.JPEG);
        byte[] otherBackground = ReferenceFrames.fit(image, 720, 1280, List.of("#ff0000"), ReferenceFrames.Encoding.JPEG);
        byte[] otherEncoding = ReferenceFrames.fit(image, 720, 1280, List.of("#4f9a3a"), ReferenceFrames.Encoding.PNG);
        byte[] otherImage = ReferenceFrames.fit(noise(43), 720, 1280, List.of("#4f9a3a"), ReferenceFrames.Encoding.JPEG);

        assertThat(ReferenceFrames.framesDrawn() - before).isEqualTo(4);
        assertThat(ImageIO.read(new ByteArrayInputStream(otherSize)).getWidth()).isEqualTo(1280);
        BufferedImage red = ImageIO.read(new ByteArrayInputStream(otherBackground));
        assertThat(near(new Color(red.getRGB(5, 5)), Color.RED)).isTrue();
        assertThat(otherEncoding).startsWith(0x89, 'P', 'N', 'G');
        assertThat(otherImage).isNotEqualTo(base);
    }

    @Test
    void changingTheBytesAFrameWasGivenAsDoesNotChangeTheNextCallersFrame() throws IOException {
        byte[] image = noise(44);
        byte[] first = ReferenceFrames.fit(image, 720, 1280, List.of(), ReferenceFrames.Encoding.JPEG);
        byte[] kept = first.clone();

        java.util.Arrays.fill(first, (byte) 0);

        assertThat(ReferenceFrames.fit(image, 720, 1280, List.of(), ReferenceFrames.Encoding.JPEG)).isEqualTo(kept);
    }

    @Test
    void anEmptyOrUndecodableImageIsAPermanentFailureThatIsNotCached() {
        assertThatThrownBy(() -> ReferenceFrames.fit(new byte[0], 720, 1280, List.of(), ReferenceFrames.Encoding.JPEG))
                .isInstanceOf(PermanentFailure.class).hasMessageContaining("empty");
        byte[] garbage = "not an image at all".getBytes();
        long before = ReferenceFrames.framesDrawn();
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> ReferenceFrames.fit(garbage, 720, 1280, List.of(), ReferenceFrames.Encoding.JPEG))
                    .isInstanceOf(PermanentFailure.class).hasMessageContaining("not a PNG, JPEG or WebP image");
        }
        assertThat(ReferenceFrames.framesDrawn() - before).as("each attempt decodes again").isEqualTo(2);
    }

    private static byte[] noise(long seed) throws IOException {
        BufferedImage image = new BufferedImage(300, 400, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(seed);
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                image.setRGB(x, y, random.nextInt(0x1000000));
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    private static boolean near(Color a, Color b) {
        return Math.abs(a.getRed() - b.getRed()) < 12 && Math.abs(a.getGreen() - b.getGreen()) < 12
                && Math.abs(a.getBlue() - b.getBlue()) < 12;
    }
}
