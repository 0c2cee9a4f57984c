package app.goblina.worker.media;

import java.awt.Rectangle;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Builds FFmpeg filter graph strings for the assembler and escapes values put into them.
 *
 * <p>A value inside a graph string is unescaped twice: first by the graph parser (which treats
 * {@code \ ' [ ] , ;} as special), then by the filter's option parser (which treats {@code \ ' :} as special).
 * {@link #optionValue(String)} protects against both, so file paths and caption text can contain anything.
 */
final class FilterGraphs {

    private FilterGraphs() {}

    /** A caption to burn: its layout and the TrueType font it was measured with. */
    record Caption(CaptionBlock block, Path fontFile) {}

    /**
     * Scales a {@code inputWidth} x {@code inputHeight} picture (with sample aspect ratio {@code sampleAspect}) to
     * fill {@code width} x {@code height}, crops the overflow evenly from both sides, optionally draws the caption,
     * and ends in yuv420p: scaling and drawing in 4:2:0 costs about a fifth of doing it in BGR.
     */
    static String normalize(int inputWidth, int inputHeight, double sampleAspect, int width, int height,
            Caption caption) {
        double displayWidth = inputWidth * (sampleAspect > 0 ? sampleAspect : 1);
        double scale = Math.max(width / displayWidth, (double) height / inputHeight);
        // Rounded up so the scaled picture always covers the frame; crop takes off the extra pixel if any.
        int scaledWidth = Math.max(width, (int) Math.ceil(displayWidth * scale - 1e-6));
        int scaledHeight = Math.max(height, (int) Math.ceil(inputHeight * scale - 1e-6));
        StringBuilder graph = new StringBuilder()
                .append("scale=").append(scaledWidth).append(':').append(scaledHeight)
                .append(":flags=bicubic,format=pix_fmts=yuv420p")
                .append(",crop=").append(width).append(':').append(height)
                .append(",setsar=1");
        if (caption != null) {
            graph.append(',').append(drawCaption(caption, width));
        }
        return graph.append(",format=pix_fmts=yuv420p").toString();
    }

    /**
     * A semi-transparent box, then each line as white bold text with a dark outline, centred on its own.
     *
     * <p>One drawtext per line because this FFmpeg build's drawtext draws a line feed as a missing-glyph box.
     * {@code y_align=font} puts every line's baseline at the same distance below its {@code y}, whatever letters it
     * holds. {@code expansion=none} makes drawtext take the text literally, so {@code %} needs no escaping.
     */
    static String drawCaption(Caption caption, int frameWidth) {
        CaptionBlock block = caption.block();
        CaptionStyle style = block.style();
        Rectangle box = block.box(frameWidth);
        StringBuilder graph = new StringBuilder(String.format(Locale.ROOT,
                "drawbox=x=%d:y=%d:w=%d:h=%d:color=black@0.45:t=fill", box.x, box.y, box.width, box.height));
        String font = optionValue(caption.fontFile().toAbsolutePath().toString());
        for (int i = 0; i < block.lines().size(); i++) {
            String line = block.lines().get(i);
            if (line.isEmpty()) {
                continue;
            }
            graph.append(String.format(Locale.ROOT,
                    ",drawtext=fontfile=%s:text=%s:expansion=none:fontsize=%d:fontcolor=white"
                            + ":borderw=%d:bordercolor=black@0.8:y_align=font:x=(w-text_w)/2:y=%d",
                    font, optionValue(line), style.fontSize(), style.outlineWidth(), block.lineTop(i)));
        }
        return graph.toString();
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
