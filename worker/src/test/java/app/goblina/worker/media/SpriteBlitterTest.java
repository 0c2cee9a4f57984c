package app.goblina.worker.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SpriteBlitterTest {

    @Test
    void aRotatedScaledSpriteLooksAsJava2dsBilinearBlitDrawsIt() {
        BufferedImage sprite = new BufferedImage(200, 260, BufferedImage.TYPE_INT_ARGB_PRE);
        Graphics2D g = sprite.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(new Color(70, 160, 60));
        g.fillOval(20, 0, 160, 150);
        g.setColor(new Color(200, 40, 40, 180));
        g.fillRect(50, 140, 100, 110);
        g.dispose();
        AffineTransform place = new AffineTransform();
        place.translate(160, 300);
        place.rotate(Math.toRadians(6));
        place.scale(0.93, 1.04);
        place.translate(-100, -260);

        BufferedImage expected = new BufferedImage(320, 360, BufferedImage.TYPE_3BYTE_BGR);
        byte[] expectedBytes = ((DataBufferByte) expected.getRaster().getDataBuffer()).getData();
        Arrays.fill(expectedBytes, (byte) 90);
        Graphics2D java2d = expected.createGraphics();
        java2d.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        java2d.drawImage(sprite, place, null);
        java2d.dispose();
        byte[] ours = new byte[expectedBytes.length];
        Arrays.fill(ours, (byte) 90);
        new SpriteBlitter(sprite).draw(place, ours, 320, 360);

        long total = 0;
        int differing = 0;
        for (int i = 0; i < ours.length; i++) {
            int d = Math.abs((ours[i] & 0xff) - (expectedBytes[i] & 0xff));
            total += d;
            differing += d > 8 ? 1 : 0;
        }
        assertThat((double) total / ours.length).isLessThan(0.05);
        assertThat(differing).as("only a few edge samples differ visibly").isLessThan(ours.length / 500);
        assertThat(Arrays.equals(ours, new byte[ours.length])).isFalse();
    }

    @Test
    void aSpritePlacedOutsideTheFrameDrawsNothing() {
        BufferedImage sprite = new BufferedImage(40, 40, BufferedImage.TYPE_INT_ARGB_PRE);
        Graphics2D g = sprite.createGraphics();
        g.setColor(Color.RED);
        g.fillRect(0, 0, 40, 40);
        g.dispose();
        byte[] frame = new byte[100 * 100 * 3];

        new SpriteBlitter(sprite).draw(AffineTransform.getTranslateInstance(150, -80), frame, 100, 100);

        assertThat(frame).containsOnly((byte) 0);
    }
}
