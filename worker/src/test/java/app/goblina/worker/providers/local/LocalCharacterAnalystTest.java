package app.goblina.worker.providers.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.goblina.analysis.CharacterImage;
import app.goblina.domain.StyleGuide;
import app.goblina.failures.PermanentFailure;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class LocalCharacterAnalystTest {

    private final LocalCharacterAnalyst analyst = new LocalCharacterAnalyst();

    @Test
    void theDominantFigureColourLeadsThePaletteAndTheBackdropIsLeftOut() throws Exception {
        byte[] png = figure(new Color(0xf5f0e8), new Color(0x3f8f2f), new Color(0x7a2e8c));

        StyleGuide guide = analyst.analyse("Ms. Goblina", image(png));

        assertThat(guide.palette().get(0)).isEqualTo("#3f8f2f");
        assertThat(guide.palette()).contains("#7a2e8c").doesNotContain("#f5f0e8");
        assertThat(guide.appearance()).startsWith("Ms. Goblina").contains("green").contains("portrait");
        assertThat(guide.personalityHints()).contains("mischievous and earthy");
    }

    @Test
    void brightnessShowsInTheVisualStyle() throws Exception {
        StyleGuide dark = analyst.analyse("Night", image(figure(new Color(0x101018), new Color(0x283048), new Color(0x402030))));
        StyleGuide bright = analyst.analyse("Day", image(figure(new Color(0x202020), new Color(0xffe07a), new Color(0xfff4c0))));

        assertThat(dark.visualStyle()).contains("low-key");
        assertThat(bright.visualStyle()).contains("high-key");
    }

    @Test
    void theSameImageGivesTheSameGuide() throws Exception {
        byte[] png = figure(new Color(0xffffff), new Color(0x3366cc), new Color(0xcc3333));

        assertThat(analyst.analyse("A", image(png))).isEqualTo(analyst.analyse("A", image(png)));
    }

    @Test
    void bytesThatAreNotAnImageFailPermanently() {
        assertThatThrownBy(() -> analyst.analyse("A", new CharacterImage(new byte[] {1, 2, 3}, "image/png", 1, 1, "x")))
                .isInstanceOf(PermanentFailure.class);
    }

    private static CharacterImage image(byte[] png) {
        return new CharacterImage(png, "image/png", 300, 400, "sha");
    }

    /** A portrait: backdrop, a large body in the main colour, a smaller patch of the accent. */
    private static byte[] figure(Color backdrop, Color main, Color accent) throws Exception {
        BufferedImage image = new BufferedImage(300, 400, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(backdrop);
        g.fillRect(0, 0, 300, 400);
        g.setColor(main);
        g.fillRect(75, 50, 150, 250);
        g.setColor(accent);
        g.fillRect(90, 300, 120, 80);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}
