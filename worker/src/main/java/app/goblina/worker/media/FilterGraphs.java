package app.goblina.worker.media;

import app.goblina.worker.media.CaptionLook.Decoration;
import java.awt.Rectangle;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Builds the FFmpeg filter chains of an assembly and escapes values put into them. The same strings run in-process
 * and, in the benchmark, on the {@code ffmpeg} command line, so both do the same work.
 *
 * <p>A value inside a graph string is unescaped twice: first by the graph parser (which treats
 * {@code \ ' [ ] , ;} as special), then by the filter's option parser (which treats {@code \ ' :} as special).
 * {@link #optionValue(String)} protects against both, so file paths and caption text can contain anything.
 */
final class FilterGraphs {

    /** Word highlight colour: a warm yellow that reads well on both the box and the outline. */
    static final String HIGHLIGHT_COLOUR = "0xFFD21F";

    private FilterGraphs() {}

    /** A caption to burn: its layout and the TrueType font it was measured with. */
    record Caption(CaptionBlock block, Path fontFile) {}

    /**
     * One word drawn on its own, at a position computed from the caption font's metrics.
     *
     * @param line the line it is on (index into the block's lines)
     * @param x left edge of the word
     * @param fromSeconds when it starts being highlighted, in output time
     * @param toSeconds when it stops being highlighted
     */
    record PlacedWord(String text, int line, int x, double fromSeconds, double toSeconds) {}

    /** What the colour values of a clip's pictures mean, as far as conversion to BT.709 is concerned. */
    enum SourceColour {
        /** Tagged BT.709, or untagged (taken as BT.709, as players do for HD video). */
        BT709,
        /** Tagged BT.601 (SD video): the matrix is converted so colours stay true. */
        BT601
    }

    /**
     * Brings a {@code inputWidth} x {@code inputHeight} clip (pixels {@code sampleAspect} wide) to the short's format:
     * {@code fps} frames per second (frames picked by timestamp, as the {@code fps} filter does), {@code width} x
     * {@code height} by scale-to-fill and centre crop or by fit-inside and black bars, square pixels, yuv420p in
     * limited range, tagged BT.709. Scaling and cropping happen in 4:2:0, about five times cheaper than in RGB.
     */
    static String normalize(int inputWidth, int inputHeight, double sampleAspect, int width, int height, int fps,
            Fit fit, SourceColour colour) {
        return normalize(inputWidth, inputHeight, sampleAspect, 0, width, height, fps, fit, colour);
    }

    /**
     * {@link #normalize(int, int, double, int, int, int, Fit, SourceColour)} for a clip whose container says to
     * show it turned {@code clockwiseRotation} degrees (0, 90, 180 or 270; phones record this way): it is turned
     * upright first, as players and the {@code ffmpeg} command line do.
     */
    static String normalize(int inputWidth, int inputHeight, double sampleAspect, int clockwiseRotation, int width,
            int height, int fps, Fit fit, SourceColour colour) {
        StringBuilder graph = new StringBuilder().append("fps=").append(fps).append(',');
        boolean sideways = clockwiseRotation == 90 || clockwiseRotation == 270;
        switch (clockwiseRotation) {
            case 90 -> graph.append("transpose=clock,");
            case 180 -> graph.append("hflip,vflip,");
            case 270 -> graph.append("transpose=cclock,");
            default -> {
            }
        }
        double aspect = sampleAspect > 0 ? sampleAspect : 1;
        // Turned sideways, the stored height becomes the width and the pixel aspect inverts.
        double displayWidth = sideways ? inputHeight / aspect : inputWidth * aspect;
        int displayHeight = sideways ? inputWidth : inputHeight;
        String scaleOptions = ":flags=bicubic:out_range=tv"
                + (colour == SourceColour.BT601 ? ":in_color_matrix=bt601:out_color_matrix=bt709" : "");
        if (fit == Fit.CROP) {
            double scale = Math.max(width / displayWidth, (double) height / displayHeight);
            // Rounded up so the scaled picture always covers the frame; crop takes off the extra pixel if any.
            int scaledWidth = Math.max(width, (int) Math.ceil(displayWidth * scale - 1e-6));
            int scaledHeight = Math.max(height, (int) Math.ceil(displayHeight * scale - 1e-6));
            graph.append("scale=").append(scaledWidth).append(':').append(scaledHeight).append(scaleOptions)
                    .append(",format=pix_fmts=yuv420p")
                    .append(",crop=").append(width).append(':').append(height);
        } else {
            double scale = Math.min(width / displayWidth, (double) height / displayHeight);
            // Even sizes and offsets: 4:2:0 chroma covers two by two pixels.
            int scaledWidth = Math.min(width, Math.max(2, even(displayWidth * scale)));
            int scaledHeight = Math.min(height, Math.max(2, even(displayHeight * scale)));
            graph.append("scale=").append(scaledWidth).append(':').append(scaledHeight).append(scaleOptions)
                    .append(",format=pix_fmts=yuv420p")
                    .append(",pad=").append(width).append(':').append(height)
                    .append(':').append(((width - scaledWidth) / 2) & ~1)
                    .append(':').append(((height - scaledHeight) / 2) & ~1)
                    .append(":color=black");
        }
        return graph.append(",setsar=1,").append(BT709_TAGS).toString();
    }

    /** Tags frames BT.709 (primaries, transfer, matrix) in limited range, what the encoder then declares. */
    static final String BT709_TAGS =
            "setparams=color_primaries=bt709:color_trc=bt709:colorspace=bt709:range=tv";

    private static int even(double value) {
        return (int) Math.round(value / 2) * 2;
    }

    /**
     * The caption drawn over a frame {@code frameWidth} wide: with {@link Decoration#BOX}, a semi-transparent box
     * and white text with a thin outline; with {@link Decoration#OUTLINE}, white text with a thick outline and a
     * soft shadow. Each line is centred on its own.
     *
     * <p>One drawtext per line because this FFmpeg build's drawtext draws a line feed as a missing-glyph box.
     * {@code y_align=font} puts every line's baseline at the same distance below its {@code y}, whatever letters it
     * holds. {@code expansion=none} makes drawtext take the text literally, so {@code %} needs no escaping.
     */
    static String drawCaption(Caption caption, int frameWidth) {
        CaptionBlock block = caption.block();
        StringBuilder graph = new StringBuilder(box(block, frameWidth));
        for (int i = 0; i < block.lines().size(); i++) {
            String line = block.lines().get(i);
            if (!line.isEmpty()) {
                appendText(graph, caption, line, "(w-text_w)/2", block.lineTop(i), "white", null);
            }
        }
        return trimLeadingComma(graph);
    }

    /**
     * The caption with one word at a time highlighted: every word drawn white at its place, then each word again
     * in {@link #HIGHLIGHT_COLOUR} while its time window is on ({@code t} is the frame's time in seconds). Words
     * are drawn one by one, at positions from the font's metrics, so the highlight covers its white copy exactly.
     */
    static String drawHighlightedCaption(Caption caption, int frameWidth, List<PlacedWord> words) {
        CaptionBlock block = caption.block();
        StringBuilder graph = new StringBuilder(box(block, frameWidth));
        for (PlacedWord word : words) {
            appendText(graph, caption, word.text(), Integer.toString(word.x()), block.lineTop(word.line()), "white",
                    null);
        }
        for (PlacedWord word : words) {
            String window = String.format(Locale.ROOT, "between(t,%.4f,%.4f)", word.fromSeconds(),
                    word.toSeconds() - 1e-4);
            appendText(graph, caption, word.text(), Integer.toString(word.x()), block.lineTop(word.line()),
                    HIGHLIGHT_COLOUR, window);
        }
        return trimLeadingComma(graph);
    }

    private static String box(CaptionBlock block, int frameWidth) {
        if (block.style().decoration() != Decoration.BOX) {
            return "";
        }
        Rectangle box = block.box(frameWidth);
        return String.format(Locale.ROOT, "drawbox=x=%d:y=%d:w=%d:h=%d:color=black@0.45:t=fill", box.x, box.y,
                box.width, box.height);
    }

    private static void appendText(StringBuilder graph, Caption caption, String text, String x, int y,
            String colour, String enable) {
        CaptionStyle style = caption.block().style();
        graph.append(String.format(Locale.ROOT,
                ",drawtext=fontfile=%s:text=%s:expansion=none:fontsize=%d:fontcolor=%s"
                        + ":borderw=%d:bordercolor=black@0.8:y_align=font:x=%s:y=%d",
                optionValue(caption.fontFile().toAbsolutePath().toString()), optionValue(text), style.fontSize(),
                colour, style.outlineWidth(), x, y));
        if (style.decoration() == Decoration.OUTLINE) {
            int shadow = Math.max(1, style.outlineWidth() / 2);
            graph.append(":shadowx=").append(shadow).append(":shadowy=").append(shadow)
                    .append(":shadowcolor=black@0.5");
        }
        if (enable != null) {
            graph.append(":enable=").append(optionValue(enable));
        }
    }

    private static String trimLeadingComma(StringBuilder graph) {
        return graph.length() > 0 && graph.charAt(0) == ',' ? graph.substring(1) : graph.toString();
    }

    /** {@code value} escaped to survive both unescaping passes, as one filter option value. */
    static String optionValue(String value) {
        // Pass 1 (innermost, read by the option parser): quote it; a quote inside becomes '\'' as in a shell.
        String quoted = "'" + value.replace("'", "'\\''") + "'";
        // Pass 2 (read first, by the graph parser): backslash-escape everything it treats as special.
        StringBuilder escaped = new StringBuilder(quoted.length() + 8);
        for (char c : quoted.toCharArray()) {
            if (c == '\\' || c == '\'' || c == '[' || c == ']' || c == ',' || c == ';') {
                escaped.append('\\');
            }
            escaped.append(c);
        }
        return escaped.toString();
    }
}
