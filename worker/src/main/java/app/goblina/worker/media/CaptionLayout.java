package app.goblina.worker.media;

import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * Word-wraps a caption to a pixel width, measuring with the caption font itself, so FFmpeg's drawtext (which
 * does not wrap) gets lines that fit. Words too wide for a line are broken between characters; text beyond the
 * last allowed line is cut and the last line ends with an ellipsis.
 *
 * <p>Not thread-safe: one instance per caption job.
 */
final class CaptionLayout {

    private static final String ELLIPSIS = "\u2026";

    private final BufferedImage scratch = new BufferedImage(1, 1, BufferedImage.TYPE_INT_ARGB);
    private final FontMetrics metrics;

    CaptionLayout(Font font) {
        Graphics2D graphics = scratch.createGraphics();
        // The same hints the renderer draws with; fractional metrics keep widths close to FreeType's advances.
        graphics.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        graphics.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
        metrics = graphics.getFontMetrics(font);
        graphics.dispose();
    }

    /** Height of one line: the font's ascent plus descent, as drawtext's {@code y_align=font} lays lines out. */
    int lineHeight() {
        return metrics.getAscent() + metrics.getDescent();
    }

    /** Distance from the top of a line to its baseline. */
    int ascent() {
        return metrics.getAscent();
    }

    /** The width of {@code text} in pixels, rounded up. */
    int width(String text) {
        return (int) Math.ceil(metrics.getStringBounds(text, null).getWidth());
    }

    /**
     * Splits {@code caption} into at most {@code maxLines} lines no wider than {@code maxWidth} pixels. Line
     * breaks in the caption are kept; other control characters and runs of white space become one space.
     * A null or blank caption gives no lines.
     */
    List<String> wrap(String caption, int maxWidth, int maxLines) {
        if (maxWidth <= 0 || maxLines <= 0) {
            throw new IllegalArgumentException("maxWidth and maxLines must be positive");
        }
        List<String> lines = new ArrayList<>();
        if (caption == null) {
            return lines;
        }
        for (String paragraph : normalize(caption).split("\n")) {
            wrapParagraph(paragraph.strip(), maxWidth, lines);
        }
        // Blank paragraphs at either end carry nothing visible.
        while (!lines.isEmpty() && lines.getFirst().isEmpty()) {
            lines.removeFirst();
        }
        while (!lines.isEmpty() && lines.getLast().isEmpty()) {
            lines.removeLast();
        }
        if (lines.size() > maxLines) {
            List<String> kept = new ArrayList<>(lines.subList(0, maxLines));
            kept.set(maxLines - 1, withEllipsis(kept.get(maxLines - 1), maxWidth));
            return kept;
        }
        return lines;
    }

    private void wrapParagraph(String paragraph, int maxWidth, List<String> lines) {
        if (paragraph.isEmpty()) {
            lines.add("");
            return;
        }
        StringBuilder line = new StringBuilder();
        for (String word : paragraph.split(" ")) {
            String candidate = line.isEmpty() ? word : line + " " + word;
            if (width(candidate) <= maxWidth) {
                line.setLength(0);
                line.append(candidate);
                continue;
            }
            if (!line.isEmpty()) {
                lines.add(line.toString());
                line.setLength(0);
            }
            if (width(word) <= maxWidth) {
                line.append(word);
            } else {
                String rest = breakLongWord(word, maxWidth, lines);
                line.append(rest);
            }
        }
        if (!line.isEmpty()) {
            lines.add(line.toString());
        }
    }

    /** Emits full-width pieces of {@code word} and returns the last, partial piece. */
    private String breakLongWord(String word, int maxWidth, List<String> lines) {
        StringBuilder piece = new StringBuilder();
        int[] codePoints = word.codePoints().toArray();
        for (int codePoint : codePoints) {
            String candidate = piece.toString() + Character.toString(codePoint);
            if (width(candidate) > maxWidth && !piece.isEmpty()) {
                lines.add(piece.toString());
                piece.setLength(0);
            }
            piece.appendCodePoint(codePoint);
        }
        return piece.toString();
    }

    private String withEllipsis(String line, int maxWidth) {
        String trimmed = line.stripTrailing();
        while (!trimmed.isEmpty() && width(trimmed + ELLIPSIS) > maxWidth) {
            trimmed = trimmed.substring(0, trimmed.offsetByCodePoints(trimmed.length(), -1)).stripTrailing();
        }
        return trimmed + ELLIPSIS;
    }

    private static String normalize(String caption) {
        String unified = caption.replace("\r\n", "\n").replace('\r', '\n');
        StringBuilder out = new StringBuilder(unified.length());
        unified.codePoints().forEach(codePoint -> {
            if (codePoint == '\n') {
                out.append('\n');
            } else if (Character.isWhitespace(codePoint) || Character.isISOControl(codePoint)) {
                out.append(' ');
            } else if (Character.getType(codePoint) != Character.FORMAT) {
                // Invisible format characters (zero-width spaces, direction marks) would only confuse measuring.
                out.appendCodePoint(codePoint);
            }
        });
        return out.toString().replaceAll(" {2,}", " ");
    }
}
