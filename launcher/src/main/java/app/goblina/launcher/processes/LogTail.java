package app.goblina.launcher.processes;

import app.goblina.launcher.Display;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** The last lines of a log file, for error messages about a process that failed. */
final class LogTail {

    /** Starts the line written to a log before each start of its process, so older runs can be left out. */
    static final String START_MARKER = "==== ";

    /**
     * Logs grow over many runs, so only their end is read; enough for the last start's exception with its
     * stack traces, which run to hundreds of lines in a dependency-injection failure.
     */
    private static final int MAX_BYTES = 256 * 1024;

    private LogTail() {
    }

    /** Up to {@code lines} last lines of the file; empty when it does not exist or cannot be read. */
    static List<String> lastLines(Path file, int lines) {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long length = in.length();
            int size = (int) Math.min(length, MAX_BYTES);
            byte[] bytes = new byte[size];
            in.seek(length - size);
            in.readFully(bytes);
            List<String> all = Arrays.asList(new String(bytes, StandardCharsets.UTF_8).split("\r?\n"));
            // When the window starts mid-file its first line is probably cut; drop it rather than show half a line.
            int from = size < length && all.size() > 1 ? 1 : 0;
            return all.subList(Math.max(from, all.size() - lines), all.size());
        } catch (IOException e) {
            return List.of();
        }
    }

    /**
     * A block for error messages: a heading naming the file, then its last lines indented, with stack frames
     * folded so that the exception messages, which say what went wrong, fit in the few lines shown.
     */
    static String describe(Path file, int lines) {
        List<String> folded = foldStackFrames(sinceLastStart(lastLines(file, Integer.MAX_VALUE)));
        List<String> tail = folded.subList(Math.max(0, folded.size() - lines), folded.size());
        if (tail.isEmpty()) {
            return "(" + Display.path(file) + " is empty)";
        }
        return "Last lines of " + Display.path(file) + ":\n"
                + tail.stream().map(line -> "  | " + line).collect(Collectors.joining("\n"));
    }

    /** The lines from the last start marker on: an earlier run's failure would only mislead. */
    static List<String> sinceLastStart(List<String> lines) {
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (lines.get(i).startsWith(START_MARKER)) {
                return lines.subList(i, lines.size());
            }
        }
        return lines;
    }

    /** Replaces each run of {@code at ...} and {@code ... N more} lines by one line that counts them. */
    static List<String> foldStackFrames(List<String> lines) {
        List<String> folded = new ArrayList<>();
        int frames = 0;
        for (String line : lines) {
            String trimmed = line.strip();
            if (trimmed.startsWith("at ") || (trimmed.startsWith("... ") && trimmed.endsWith(" more"))) {
                frames++;
                continue;
            }
            if (frames > 0) {
                folded.add("    ... " + frames + " stack frames");
                frames = 0;
            }
            folded.add(line);
        }
        if (frames > 0) {
            folded.add("    ... " + frames + " stack frames");
        }
        return folded;
    }
}
