package app.goblina.worker.media;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Paints the frames of an {@link AnimatedClip}: the drifting {@link PaletteBackdrop}, a soft shadow on the floor,
 * the {@link CharacterCutout} bobbing, squashing, swaying and rocking about its feet on the {@link MotionStyle}'s
 * beat, and its mouth opening as far as the clip's mouth track says.
 *
 * <p>Everything is prepared once: the graded backdrop, the graded cut-out at its largest size, the shadow and the
 * mouth at {@link #MOUTH_LEVELS} openings. A frame is one copy per backdrop row and three transformed image draws
 * (shadow, character, mouth), each an affine transform of a ready image; the character, the one large draw, goes
 * through {@link SpriteBlitter}. Not thread-safe; {@link #close()}
 * releases the graphics.
 */
final class CharacterFramePainter implements AutoCloseable {

    /** The character is fitted into this share of the frame, above the caption area. */
    static final double CHARACTER_BOX_WIDTH = 0.80;
    static final double CHARACTER_BOX_HEIGHT = 0.56;
    /** Where the character's feet stand, in frame heights from the top. */
    static final double FLOOR = 0.68;
    static final int MOUTH_LEVELS = 12;

    private final int width;
    private final int height;
    private final int fps;
    private final MotionStyle motion;
    private final AnimatedClip clip;
    private final PaletteBackdrop backdrop;
    private final CharacterCutout cutout;
    private final SpriteBlitter sprite;
    private final BufferedImage shadow;
    private final BufferedImage[] mouths;
    private final double baseScale;
    private final double beatPhase;
    private final double swayPhase;
    private final BufferedImage frame;
    private final byte[] frameData;
    private final Graphics2D graphics;

    CharacterFramePainter(AnimatedClip clip, BufferedImage characterImage) {
        this.clip = clip;
        this.motion = clip.motion();
        this.width = clip.frame().width();
        this.height = clip.frame().height();
        this.fps = clip.frame().fps();
        SplittableRandom random = new SplittableRandom(clip.seed());
        this.beatPhase = random.nextDouble() * 2 * Math.PI;
        this.swayPhase = random.nextDouble() * 2 * Math.PI;
        List<Color> palette = clip.frame().palette().stream().map(Color::decode).toList();
        this.backdrop = new PaletteBackdrop(width, height, palette, motion.grade(), random.nextLong(),
                motion.backdropDrift(), fps);
        double grow = 1 + motion.squash();
        this.cutout = CharacterCutout.of(characterImage, (int) Math.round(width * CHARACTER_BOX_WIDTH * grow),
                (int) Math.round(height * CHARACTER_BOX_HEIGHT * grow), motion.grade());
        this.sprite = new SpriteBlitter(cutout.sprite);
        this.baseScale = 1 / grow;
        this.shadow = shadow(Math.max(2, (int) Math.round(cutout.sprite.getWidth() * 0.7)),
                Math.max(2, (int) Math.round(cutout.sprite.getWidth() * 0.1)));
        this.mouths = mouths(cutout.mouth, cutout.skin, motion);

        this.frame = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        this.frameData = ((DataBufferByte) frame.getRaster().getDataBuffer()).getData();
        this.graphics = frame.createGraphics();
        graphics.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        graphics.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_SPEED);
    }

    /** Paints frame {@code index} and returns it; the image is reused by the next call. */
    BufferedImage paint(int index) {
        backdrop.copyInto(frameData, index);
        double t = (double) index / fps;
        double phase = 2 * Math.PI * motion.beatsPerSecond() * t + beatPhase;
        double lift = 0.5 - 0.5 * Math.cos(phase);
        double mouth = clip.mouthAt(index);
        double stretch = -Math.cos(phase) * motion.squash();
        double scaleY = baseScale * (1 + stretch);
        double scaleX = baseScale * (1 - 0.7 * stretch);
        double feetX = width * (0.5 + motion.sway() * Math.sin(phase / 2 + swayPhase));
        double floorY = height * FLOOR;
        double feetY = floorY - height * motion.bob() * lift;
        double angle = Math.toRadians(motion.wobble()
                * (0.7 * Math.sin(phase / 2 + swayPhase + 0.7) + 0.3 * Math.sin(phase * 1.37)));

        double shadowScale = baseScale * (1 - 0.35 * lift * Math.min(1, motion.bob() * 30));
        AffineTransform shadowPlace = new AffineTransform();
        shadowPlace.translate(feetX, floorY);
        shadowPlace.scale(shadowScale, shadowScale);
        shadowPlace.translate(-shadow.getWidth() / 2.0, -shadow.getHeight() / 2.0);
        graphics.drawImage(shadow, shadowPlace, null);

        AffineTransform place = new AffineTransform();
        place.translate(feetX, feetY);
        place.rotate(angle);
        place.scale(scaleX, scaleY);
        place.translate(-sprite.width() / 2.0, -sprite.height());
        sprite.draw(place, frameData, width, height);

        int level = (int) Math.round(mouth * (MOUTH_LEVELS - 1));
        if (level > 0) {
            BufferedImage open = mouths[level];
            Rectangle2D box = cutout.mouth;
            place.translate(box.getCenterX() - open.getWidth() / 2.0, box.getCenterY() - open.getHeight() / 2.0);
            graphics.drawImage(open, place, null);
        }
        return frame;
    }

    @Override
    public void close() {
        graphics.dispose();
    }

    /** A soft dark ellipse, darkest in the middle. */
    private static BufferedImage shadow(int w, int h) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB_PRE);
        int[] argb = new int[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double dx = (x + 0.5) / w * 2 - 1, dy = (y + 0.5) / h * 2 - 1;
                double d = Math.sqrt(dx * dx + dy * dy);
                int alpha = (int) Math.round(90 * Math.clamp(1 - d, 0, 1));
                argb[y * w + x] = alpha << 24;
            }
        }
        image.setRGB(0, 0, w, h, argb, 0, w);
        return image;
    }

    /**
     * The open mouth at each level: a dark inside with a tongue, ringed by a lip a shade darker than the face
     * around it. Level 0 is closed and never drawn.
     */
    private static BufferedImage[] mouths(Rectangle2D box, Color skin, MotionStyle motion) {
        BufferedImage[] levels = new BufferedImage[MOUTH_LEVELS];
        double mouthWidth = box.getWidth();
        double widest = Math.max(2, mouthWidth * motion.mouthOpen());
        int w = Math.max(2, (int) Math.ceil(mouthWidth + 4));
        int h = Math.max(2, (int) Math.ceil(widest + 4));
        Color lip = new Color(skin.getRed() * 55 / 100, skin.getGreen() * 40 / 100, skin.getBlue() * 40 / 100);
        Color inside = new Color(60 + skin.getRed() / 8, 12 + skin.getGreen() / 12, 18 + skin.getBlue() / 12);
        Color tongue = new Color(214, 96, 110);
        for (int level = 1; level < MOUTH_LEVELS; level++) {
            double open = (double) level / (MOUTH_LEVELS - 1);
            double mw = mouthWidth * (0.75 + 0.25 * open);
            double mh = Math.max(1.5, widest * open);
            BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB_PRE);
            Graphics2D g = image.createGraphics();
            try {
                g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
                Ellipse2D outer = new Ellipse2D.Double((w - mw) / 2, (h - mh) / 2, mw, mh);
                double ring = Math.max(1, mouthWidth * 0.06);
                Ellipse2D inner = new Ellipse2D.Double(outer.getX() + ring, outer.getY() + ring,
                        Math.max(0.5, mw - 2 * ring), Math.max(0.5, mh - 2 * ring));
                g.setColor(lip);
                g.fill(outer);
                g.setColor(inside);
                g.fill(inner);
                g.clip(inner);
                g.setColor(tongue);
                g.fill(new Ellipse2D.Double(w / 2.0 - mw * 0.3, inner.getMaxY() - mh * 0.35, mw * 0.6, mh * 0.6));
            } finally {
                g.dispose();
            }
            levels[level] = image;
        }
        return levels;
    }
}
