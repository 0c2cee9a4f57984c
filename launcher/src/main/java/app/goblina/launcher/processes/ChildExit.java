package app.goblina.launcher.processes;

import app.goblina.launcher.Display;

import java.nio.file.Path;
import java.time.Duration;

/**
 * A child process that kept dying while the platform was meant to be running, and that the platform gave up
 * restarting.
 *
 * @param name     {@code api} or {@code worker-<n>}
 * @param exitCode the exit code of its last death
 * @param restarts how many times it had been restarted within {@code window}
 * @param window   the span over which those restarts were counted
 * @param logFile  where its output went
 */
public record ChildExit(String name, int exitCode, int restarts, Duration window, Path logFile) {

    /** A paragraph for the user: who kept crashing, its last exit code, and the end of its log. */
    public String describe() {
        return name + " keeps crashing: it exited with code " + exitCode + " after " + restarts + " restart"
                + (restarts == 1 ? "" : "s") + " within " + Display.span(window) + ", so it is not restarted again.\n"
                + LogTail.describe(logFile, 30);
    }
}
