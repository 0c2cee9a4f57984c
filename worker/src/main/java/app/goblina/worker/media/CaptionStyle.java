package app.goblina.worker.media;

import app.goblina.worker.media.CaptionLook.Decoration;
import app.goblina.worker.media.CaptionLook.Placement;

/**
 * Caption geometry for one frame size, in pixels.
 *
 * <p>Text stays inside the platform safe area: short-video apps draw their own descriptions and buttons over the
 * bottom 15% and the top 10% of the frame, and lines use at most 85% of the width (box included), centred.
 *
 * @param fontSize font size in pixels
 * @param maxTextWidth widest a line may be, in pixels (85% of the frame width, less the box padding)
 * @param areaTop the highest the top of the text may be
 * @param areaBottom the lowest the bottom of the text may be (the box padding extends beyond both)
 * @param placement how the text block sits between {@code areaTop} and {@code areaBottom}: at the bottom, centred
 *     or at the top
 * @param lineSpacing extra pixels between lines
 * @param boxPadding padding of the semi-transparent box around the text
 * @param outlineWidth width of the dark outline around each glyph
 * @param decoration outline only, or box and a thin outline
 */
record CaptionStyle(
        int fontSize,
        int maxTextWidth,
        int areaTop,
        int areaBottom,
        Placement placement,
        int lineSpacing,
        int boxPadding,
        int outlineWidth,
        Decoration decoration) {

    /** Fraction of the frame height at the bottom kept free for platform UI. */
    static final double BOTTOM_SAFE_FRACTION = 0.15;
    /** Fraction of the frame height at the top kept free for platform UI. */
    static final double TOP_SAFE_FRACTION = 0.10;
    /** Fraction of the frame width a caption line may use, box included. */
    static final double WIDTH_FRACTION = 0.85;

    /** How tall the text block may be. */
    int maxTextHeight() {
        return areaBottom - areaTop;
    }

    /** The most lines allowed: as many as fit in {@link #maxTextHeight()}, at least one, at most four. */
    int maxLines(int lineHeight) {
        return Math.clamp((maxTextHeight() + lineSpacing) / (lineHeight + lineSpacing), 1, 4);
    }

    /** Top of a block of text {@code textHeight} pixels tall. */
    int blockTop(int textHeight) {
        return switch (placement) {
            case BOTTOM -> areaBottom - textHeight;
            case TOP -> areaTop;
            case MIDDLE -> (areaTop + areaBottom - textHeight) / 2;
        };
    }

    /**
     * The renderer's captions: sized from the frame's short side (so a landscape frame does not get giant text),
     * in the lower third above the bottom safe margin, on a box with an outline.
     */
    static CaptionStyle forFrame(int width, int height) {
        int fontSize = Math.max(12, (int) Math.round(Math.min(width, height) * 0.055));
        return build(width, height, fontSize, Placement.BOTTOM, Decoration.BOX,
                Math.max(1, (int) Math.round(fontSize / 20.0)));
    }

    /** The assembler's captions as {@code look} asks, sized from the frame height. */
    static CaptionStyle of(int width, int height, CaptionLook look) {
        int fontSize = Math.max(12, (int) Math.round(height * look.relativeSize()));
        // Without a box the outline alone must separate the letters from any background, so it is thicker.
        int outline = look.decoration() == Decoration.OUTLINE
                ? Math.max(2, (int) Math.round(fontSize / 12.0))
                : Math.max(1, (int) Math.round(fontSize / 20.0));
        return build(width, height, fontSize, look.placement(), look.decoration(), outline);
    }

    private static CaptionStyle build(int width, int height, int fontSize, Placement placement,
            Decoration decoration, int outlineWidth) {
        int boxPadding = Math.max(4, (int) Math.round(fontSize * 0.35));
        int lineSpacing = Math.max(2, (int) Math.round(fontSize * 0.25));
        int maxTextWidth = (int) Math.floor(width * WIDTH_FRACTION) - 2 * boxPadding;
        int safeTop = (int) Math.round(height * TOP_SAFE_FRACTION);
        int safeBottom = (int) Math.round(height * (1 - BOTTOM_SAFE_FRACTION));
        int third = (int) Math.round(height / 3.0);
        int twoThirds = (int) Math.round(height * 2.0 / 3);
        int top;
        int bottom;
        switch (placement) {
            case TOP -> {
                top = safeTop;
                bottom = third;
            }
            case MIDDLE -> {
                top = third;
                bottom = twoThirds;
            }
            default -> {
                top = twoThirds;
                bottom = safeBottom;
            }
        }
        return new CaptionStyle(fontSize, maxTextWidth, top + boxPadding, bottom - boxPadding, placement,
                lineSpacing, boxPadding, outlineWidth, decoration);
    }
}
