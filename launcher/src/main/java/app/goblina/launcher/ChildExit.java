package app.goblina.launcher;

import java.nio.file.Path;

/**
 * A child process that stopped while the platform was meant to be running.
 *
 * @param name     {@code api} or {@code worker-<n>}
 * @param exitCode its exit code
 * @param logFile  where its output went
 */
public record ChildExit(String name, int exitCode, Path logFile) {

    /** A paragraph for the user: who stopped, with what code, and the end of its log. */
    public String describe() {
        return name + " stopped unexpectedly (exit code " + exitCode + ").\n" + LogTail.describe(logFile, 30);
    }
}
