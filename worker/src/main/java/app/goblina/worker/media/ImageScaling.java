package app.goblina.worker.media;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/** Good-looking one-off resizing with Java2D. */
final class ImageScaling {

    private ImageScaling() {}

    /**
     * Resizes {@code source} to exactly {@code width} x {@code height} as premultiplied ARGB (the fastest type to
     * draw with transparency). Large reductions are done in halving steps: a single bilinear step would skip source
     * pixels and alias.
     */
    static BufferedImage scale(BufferedImage source, int width, int height) {
        BufferedImage current = source;
        int currentWidth = source.getWidth();
        int currentHeight = source.getHeight();
        do {
            int nextWidth = currentWidth / 2 >= width ? currentWidth / 2 : width;
            int nextHeight = currentHeight / 2 >= height ? currentHeight / 2 : height;
            BufferedImage next = new BufferedImage(nextWidth, nextHeight, BufferedImage.TYPE_INT_ARGB_PRE);
            Graphics2D g = next.createGraphics();
            try {
                g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, nextWidth > currentWidth
                        ? RenderingHints.VALUE_INTERPOLATION_BICUBIC
                        : RenderingHints.VALUE_INTERPOLATION_BILINEAR);
                g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
                g.drawImage(current, 0, 0, nextWidth, nextHeight, null);
            } finally {
                g.dispose();
            }
            current = next;
            currentWidth = nextWidth;
            currentHeight = nextHeight;
        } while (currentWidth != width || currentHeight != height);
        return current;
    }
}
