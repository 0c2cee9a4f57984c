package app.goblina.worker.media;

import app.goblina.worker.media.ClipRenderer.ClipSpec;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.font.TextLayout;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;

/**
 * Paints the frames of a rendered clip with Java2D: a background (flat or a vertical gradient), the character
 * fitted into the upper part of the frame and moving with {@link KenBurnsMotion}, and the caption near the bottom.
 *
 * <p>Everything that does not change between frames (background, scaled character, caption) is prepared once, so
 * a frame costs one array copy and two image draws. Not thread-safe; {@link #close()} releases the graphics.
 */
final class ClipFramePainter implements AutoCloseable {

    /** The character is fitted into this share of the frame, above the caption area. */
    private static final double CHARACTER_BOX_WIDTH = 0.84;
    private static final double CHARACTER_BOX_HEIGHT = 0.58;
    private static final double CHARACTER_CENTRE_Y = 0.40;

    private final int width;
    private final int height;
    private final byte[] background;
    private final BufferedImage frame;
    private final byte[] frameData;
    private final Graphics2D graphics;
    private final BufferedImage character;
    private final KenBurnsMotion motion;
    private final BufferedImage caption;
    private final Rectangle captionBox;

    /** @param captionFont the caption typeface at {@link CaptionStyle#fontSize()}; unused when there is no caption */
    ClipFramePainter(ClipSpec spec, BufferedImage characterImage, Font captionFont) {
        this.width = spec.width();
        this.height = spec.height();
        this.background = gradient(width, height, spec.background(), spec.backgroundBottom());
        this.frame = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        this.frameData = ((DataBufferByte) frame.getRaster().getDataBuffer()).getData();
        this.graphics = frame.createGraphics();
        graphics.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        graphics.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_SPEED);

        double fit = Math.min(width * CHARACTER_BOX_WIDTH / characterImage.getWidth(),
                height * CHARACTER_BOX_HEIGHT / characterImage.getHeight());
        // Scaled once to its largest on-screen size; per frame it is only ever shrunk a little, which bilinear
        // filtering does cleanly and quickly.
        this.character = ImageScaling.scale(characterImage,
                Math.max(1, (int) Math.round(characterImage.getWidth() * fit * KenBurnsMotion.MAX_ZOOM)),
                Math.max(1, (int) Math.round(characterImage.getHeight() * fit * KenBurnsMotion.MAX_ZOOM)));
        // Clips of one project differ in caption, so their drift directions vary without any shared state.
        this.motion = new KenBurnsMotion(spec.frameCount(), (spec.hashCode() & 1) == 0);

        CaptionBlock block = spec.caption() == null || spec.caption().isBlank()
                ? null
                : CaptionBlock.of(spec.caption(), new CaptionLayout(captionFont), CaptionStyle.forFrame(width, height));
        if (block == null) {
            caption = null;
            captionBox = null;
        } else {
            captionBox = block.box(width);
            caption = paintCaption(block, captionFont, captionBox);
        }
    }

    /** Paints frame {@code index} and returns it; the image is reused by the next call. */
    BufferedImage paint(int index) {
        System.arraycopy(background, 0, frameData, 0, background.length);
        double scale = motion.zoom(index) / KenBurnsMotion.MAX_ZOOM;
        double drawnWidth = character.getWidth() * scale;
        double drawnHeight = character.getHeight() * scale;
        double centreX = width * (0.5 + motion.offsetX(index));
        double centreY = height * (CHARACTER_CENTRE_Y + motion.offsetY(index));
        AffineTransform placement = new AffineTransform();
        placement.translate(centreX - drawnWidth / 2, centreY - drawnHeight / 2);
        placement.scale(scale, scale);
        graphics.drawImage(character, placement, null);
        if (caption != null) {
            graphics.drawImage(caption, captionBox.x, captionBox.y, null);
        }
        return frame;
    }

    @Override
    public void close() {
        graphics.dispose();
    }

    /** One frame's worth of BGR bytes, top colour to bottom colour. */
    private static byte[] gradient(int width, int height, Color top, Color bottom) {
        byte[] pixels = new byte[width * height * 3];
        for (int y = 0; y < height; y++) {
            double t = height == 1 ? 0 : (double) y / (height - 1);
            byte blue = (byte) Math.round(top.getBlue() + (bottom.getBlue() - top.getBlue()) * t);
            byte green = (byte) Math.round(top.getGreen() + (bottom.getGreen() - top.getGreen()) * t);
            byte red = (byte) Math.round(top.getRed() + (bottom.getRed() - top.getRed()) * t);
            int row = y * width * 3;
            for (int x = 0; x < width; x++) {
                pixels[row + 3 * x] = blue;
                pixels[row + 3 * x + 1] = green;
                pixels[row + 3 * x + 2] = red;
            }
        }
        return pixels;
    }

    /**
     * The caption as an image the size of its box: semi-transparent black, white bold lines with a dark outline,
     * each centred, as the assembler's drawbox and drawtext draw them.
     */
    private static BufferedImage paintCaption(CaptionBlock block, Font font, Rectangle box) {
        CaptionLayout layout = new CaptionLayout(font);
        BufferedImage image = new BufferedImage(box.width, box.height, BufferedImage.TYPE_INT_ARGB_PRE);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
            g.setColor(new Color(0, 0, 0, 115));
            g.fillRect(0, 0, box.width, box.height);
            BasicStroke outline = new BasicStroke(2f * block.style().outlineWidth(), BasicStroke.CAP_ROUND,
                    BasicStroke.JOIN_ROUND);
            for (int i = 0; i < block.lines().size(); i++) {
                String line = block.lines().get(i);
                if (line.isEmpty()) {
                    continue;
                }
                TextLayout text = new TextLayout(line, font, g.getFontRenderContext());
                double x = (box.width - layout.width(line)) / 2.0;
                double baseline = block.lineTop(i) - box.y + block.ascent();
                Shape glyphs = text.getOutline(AffineTransform.getTranslateInstance(x, baseline));
                g.setColor(new Color(0, 0, 0, 204));
                g.setStroke(outline);
                g.draw(glyphs);
                g.setColor(Color.WHITE);
                g.fill(glyphs);
            }
        } finally {
            g.dispose();
        }
        return image;
    }
}
