package app.goblina.worker.media;

/**
 * Caption geometry for one frame size, shared by the renderer and the assembler so captions look the same.
 *
 * <p>Captions sit in the lower third but end above the bottom 15% of the frame, where short-video apps draw
 * their own buttons and descriptions.
 *
 * @param fontSize font size in pixels
 * @param maxTextWidth widest a line may be, in pixels (about 85% of the frame width, less the box padding)
 * @param maxTextHeight how tall the text may be: from the top of the lower third (box padding included) down to
 *     {@code blockBottom}
 * @param lineSpacing extra pixels between lines
 * @param blockBottom y of the bottom edge of the text block (the box padding extends below it)
 * @param boxPadding padding of the semi-transparent box around the text
 * @param outlineWidth width of the dark outline around each glyph
 */
record CaptionStyle(
        int fontSize,
        int maxTextWidth,
        int maxTextHeight,
        int lineSpacing,
        int blockBottom,
        int boxPadding,
        int outlineWidth) {

    /** Fraction of the frame height at the bottom kept free for platform UI. */
    static final double BOTTOM_SAFE_FRACTION = 0.15;
    /** Fraction of the frame width a caption line may use, box included. */
    static final double WIDTH_FRACTION = 0.85;

    /** The most lines allowed: as many as fit in {@link #maxTextHeight()}, at least one, at most four. */
    int maxLines(int lineHeight) {
        return Math.clamp((maxTextHeight + lineSpacing) / (lineHeight + lineSpacing), 1, 4);
    }

    static CaptionStyle forFrame(int width, int height) {
        // Sized from the short side so a landscape frame does not get giant text.
        int fontSize = Math.max(12, (int) Math.round(Math.min(width, height) * 0.055));
        int boxPadding = Math.max(4, (int) Math.round(fontSize * 0.35));
        int lineSpacing = Math.max(2, (int) Math.round(fontSize * 0.25));
        int outlineWidth = Math.max(1, (int) Math.round(fontSize / 20.0));
        int maxTextWidth = (int) Math.floor(width * WIDTH_FRACTION) - 2 * boxPadding;
        int safeLine = (int) Math.round(height * (1 - BOTTOM_SAFE_FRACTION));
        int blockBottom = safeLine - boxPadding;
        int lowerThirdTop = (int) Math.round(height * 2.0 / 3);
        int maxTextHeight = blockBottom - (lowerThirdTop + boxPadding);
        return new CaptionStyle(fontSize, maxTextWidth, maxTextHeight, lineSpacing, blockBottom, boxPadding,
                outlineWidth);
    }
}
