package app.goblina.worker.media;

import java.awt.Rectangle;
import java.util.List;

/**
 * Where a wrapped caption goes in the frame: lines centred horizontally, the block placed as
 * {@link CaptionStyle#placement()} says, on a box with {@link CaptionStyle#boxPadding()} around the text. Computed
 * once in Java so the renderer (Java2D) and the assembler (drawbox + drawtext) put captions in the same place.
 *
 * @param lines the wrapped lines, not empty
 * @param lineHeight height of one line (font ascent plus descent)
 * @param ascent distance from a line's top to its baseline
 * @param textWidth width of the widest line
 */
record CaptionBlock(List<String> lines, int lineHeight, int ascent, int textWidth, CaptionStyle style) {

    CaptionBlock {
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("a caption block needs at least one line");
        }
        lines = List.copyOf(lines);
    }

    /** Wraps {@code caption} for {@code style}; null when there is nothing to show. */
    static CaptionBlock of(String caption, CaptionLayout layout, CaptionStyle style) {
        List<String> lines = layout.wrap(caption, style.maxTextWidth(), style.maxLines(layout.lineHeight()));
        if (lines.isEmpty()) {
            return null;
        }
        int widest = lines.stream().mapToInt(layout::width).max().orElse(0);
        return new CaptionBlock(lines, layout.lineHeight(), layout.ascent(), widest, style);
    }

    int textHeight() {
        return lines.size() * lineHeight + (lines.size() - 1) * style.lineSpacing();
    }

    /** Top edge of line {@code index}. */
    int lineTop(int index) {
        return style.blockTop(textHeight()) + index * (lineHeight + style.lineSpacing());
    }

    /** The semi-transparent box behind the text, in a frame {@code frameWidth} wide. */
    Rectangle box(int frameWidth) {
        int padding = style.boxPadding();
        return new Rectangle((frameWidth - textWidth) / 2 - padding, lineTop(0) - padding,
                textWidth + 2 * padding, textHeight() + 2 * padding);
    }
}
