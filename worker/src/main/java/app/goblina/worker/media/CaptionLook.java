package app.goblina.worker.media;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How burned-in captions look.
 *
 * @param fontFile the TrueType font; lines are measured in Java with the same file FFmpeg draws with, so wrapping
 *     matches what is drawn
 * @param relativeSize the font size as a fraction of the frame height (0.03 is 58 px on a 1920-high frame: four
 *                     lines of about 26 characters fit in the lower third)
 * @param decoration a dark outline around the letters, or a semi-transparent box behind them
 * @param placement where the caption block sits inside the platform safe area
 */
public record CaptionLook(Path fontFile, double relativeSize, Decoration decoration, Placement placement) {

    public static final double DEFAULT_RELATIVE_SIZE = 0.03;

    public enum Decoration {
        /** White letters with a dark outline, nothing behind them. */
        OUTLINE,
        /** White letters on a semi-transparent dark box. */
        BOX
    }

    /**
     * Vertical position inside the safe area: the frame less 10% at the top and 15% at the bottom (where
     * short-video apps draw their own text and buttons), and 7.5% on each side.
     */
    public enum Placement {
        /** In the lower third, ending at the bottom of the safe area. */
        BOTTOM,
        /** Centred on the frame. */
        MIDDLE,
        /** In the upper third, starting at the top of the safe area. */
        TOP
    }

    public CaptionLook {
        fontFile = fontFile == null ? CaptionFonts.DEFAULT_FONT_FILE : fontFile;
        Objects.requireNonNull(decoration, "decoration");
        Objects.requireNonNull(placement, "placement");
        if (!(relativeSize >= 0.01 && relativeSize <= 0.2)) {
            throw new IllegalArgumentException("relativeSize must be between 0.01 and 0.2, was " + relativeSize);
        }
    }

    /** DejaVu Sans Bold at 3.5% of the frame height, on a box, at the bottom of the safe area. */
    public static CaptionLook defaults() {
        return new CaptionLook(CaptionFonts.DEFAULT_FONT_FILE, DEFAULT_RELATIVE_SIZE, Decoration.BOX,
                Placement.BOTTOM);
    }

    public CaptionLook withFontFile(Path file) {
        return new CaptionLook(file, relativeSize, decoration, placement);
    }
}
