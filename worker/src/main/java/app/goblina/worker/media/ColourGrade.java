package app.goblina.worker.media;

/**
 * A clip's colour look, applied once to what the frames are built from (the cut-out character and the backdrop)
 * rather than to every frame: a per-pixel function of the colour alone, so grading the parts is grading the picture.
 *
 * <p>Saturation scales each channel's distance from the pixel's luma (1 leaves it, 0 is grey, above 1 is punchier);
 * contrast scales the distance from mid grey; the shifts then warm or cool the picture, in 8-bit steps.
 *
 * @param saturation 0 to 3
 * @param contrast   0.5 to 2
 * @param red        added to the red channel, -64 to 64
 * @param green      added to the green channel, -64 to 64
 * @param blue       added to the blue channel, -64 to 64
 */
public record ColourGrade(double saturation, double contrast, int red, int green, int blue) {

    /** Leaves every colour as it is. */
    public static final ColourGrade NEUTRAL = new ColourGrade(1, 1, 0, 0, 0);

    public ColourGrade {
        if (!(saturation >= 0 && saturation <= 3) || !(contrast >= 0.5 && contrast <= 2)) {
            throw new IllegalArgumentException("saturation must be 0..3 and contrast 0.5..2, was " + saturation + ", "
                    + contrast);
        }
        if (Math.abs(red) > 64 || Math.abs(green) > 64 || Math.abs(blue) > 64) {
            throw new IllegalArgumentException("colour shifts must be within -64..64");
        }
    }

    /** The graded colour of {@code rgb} ({@code 0xRRGGBB}; any alpha bits are kept as they are). */
    public int apply(int rgb) {
        int r = (rgb >> 16) & 0xff;
        int g = (rgb >> 8) & 0xff;
        int b = rgb & 0xff;
        double luma = 0.2126 * r + 0.7152 * g + 0.0722 * b;
        return (rgb & 0xff000000) | channel(r, luma, red) << 16 | channel(g, luma, green) << 8 | channel(b, luma, blue);
    }

    /** Grades every pixel of {@code argb} (not premultiplied) in place. */
    void applyInPlace(int[] argb) {
        for (int i = 0; i < argb.length; i++) {
            argb[i] = apply(argb[i]);
        }
    }

    private int channel(int value, double luma, int shift) {
        double saturated = luma + (value - luma) * saturation;
        double contrasted = 128 + (saturated - 128) * contrast + shift;
        return Math.clamp(Math.round(contrasted), 0, 255);
    }
}
