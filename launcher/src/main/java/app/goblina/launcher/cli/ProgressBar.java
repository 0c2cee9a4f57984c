package app.goblina.launcher.cli;

/** A one-line text progress bar: {@code [########------------]  42% generating}. */
final class ProgressBar {

    static final int WIDTH = 20;

    private ProgressBar() {
    }

    /** The bar for {@code percent} (clamped to 0-100) followed by {@code label}. */
    static String render(int percent, String label) {
        int clamped = Math.max(0, Math.min(100, percent));
        int filled = clamped * WIDTH / 100;
        return "[" + "#".repeat(filled) + "-".repeat(WIDTH - filled) + "] "
                + String.format("%3d%%", clamped) + (label == null || label.isEmpty() ? "" : " " + label);
    }
}
