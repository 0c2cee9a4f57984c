package app.goblina.launcher;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/** Formatting shared by everything the launcher prints. */
public final class Display {

    private Display() {
    }

    /** The path relative to the current directory when it is below it, so messages stay short and pasteable. */
    public static String path(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        Path here = Path.of("").toAbsolutePath().normalize();
        if (absolute.startsWith(here) && !absolute.equals(here)) {
            return here.relativize(absolute).toString();
        }
        return absolute.toString();
    }

    /** Seconds with one decimal, e.g. {@code 12.3 s}. */
    public static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }

    /** A span as people say it: {@code 250 ms}, {@code 4 s}, {@code 12.5 s}, {@code 5 min}. */
    public static String span(Duration duration) {
        long millis = duration.toMillis();
        if (millis < 1000) {
            return millis + " ms";
        }
        if (millis % 60_000 == 0) {
            return millis / 60_000 + " min";
        }
        if (millis < 120_000) {
            return millis % 1000 == 0 ? millis / 1000 + " s" : seconds(duration);
        }
        return String.format(Locale.ROOT, "%.1f min", millis / 60_000.0);
    }

    /** A byte count in the largest unit that keeps it above one, e.g. {@code 1.4 MB}. */
    public static String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KB", bytes / 1024.0);
        }
        return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
    }
}
