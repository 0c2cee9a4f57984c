package app.goblina.launcher.cli;

import java.io.PrintStream;

/**
 * Shows progress on one line: redrawn in place at a terminal, or one line per change when the output is a log,
 * where carriage returns would pile up into one unreadable line.
 */
final class ProgressLine {

    private final PrintStream out;
    private final boolean redraw;
    private String last = "";

    ProgressLine(PrintStream out, boolean redraw) {
        this.out = out;
        this.redraw = redraw;
    }

    void show(String text) {
        if (text.equals(last)) {
            return;
        }
        if (redraw) {
            // Spaces wipe what is left of a longer previous line.
            out.print("\r" + text + " ".repeat(Math.max(0, last.length() - text.length())));
        } else {
            out.println(text);
        }
        out.flush();
        last = text;
    }

    /** Ends the line, so what follows starts on a fresh one. */
    void finish() {
        if (redraw && !last.isEmpty()) {
            out.println();
        }
        last = "";
    }
}
