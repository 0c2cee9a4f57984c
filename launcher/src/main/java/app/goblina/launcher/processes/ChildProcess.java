package app.goblina.launcher.processes;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** One process the platform started (the API or a worker), with its output appended to its own log file. */
final class ChildProcess {

    /** Starts a line the launcher adds to a child's log; unlike {@link LogTail#START_MARKER} it starts no new run. */
    static final String NOTE_MARKER = "---- ";

    private final String name;
    private final Process process;
    private final Path logFile;

    private ChildProcess(String name, Process process, Path logFile) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
    }

    /**
     * Starts {@code command} with the launcher's environment, less {@code notInherited}, plus {@code environment},
     * stdout and stderr appended to {@code logFile}.
     */
    static ChildProcess start(String name, List<String> command, Map<String, String> environment,
                              Set<String> notInherited, Path workingDirectory, Path logFile) throws IOException {
        Files.createDirectories(logFile.getParent());
        // A marker line makes it easy to find where each run starts in a log that is appended to across runs.
        Files.writeString(logFile, "%n%s%s starting %s%n".formatted(LogTail.START_MARKER, Instant.now(), name),
                StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        ProcessBuilder builder = new ProcessBuilder(inOwnSession(command))
                .directory(workingDirectory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        builder.environment().keySet().removeAll(notInherited);
        builder.environment().putAll(environment);
        Process process = builder.start();
        // Nothing is ever typed into a child; an early EOF keeps one that reads stdin from waiting forever.
        process.getOutputStream().close();
        return new ChildProcess(name, process, logFile);
    }

    /**
     * Runs the command through {@code setsid} when there is one. Ctrl-C in a terminal signals the whole foreground
     * process group at once; in their own session the children are left alone, so the launcher can stop them in
     * order (children first, then the database they are still writing to). {@code setsid} replaces itself with
     * the command, so the process id stays the child's own.
     */
    private static List<String> inOwnSession(List<String> command) {
        Optional<Path> setsid = onPath("setsid");
        if (setsid.isEmpty()) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(command.size() + 1);
        wrapped.add(setsid.get().toString());
        wrapped.addAll(command);
        return wrapped;
    }

    private static Optional<Path> onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, program);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    String name() {
        return name;
    }

    Path logFile() {
        return logFile;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** The exit code, or -1 while it runs. */
    int exitCode() {
        return process.isAlive() ? -1 : process.exitValue();
    }

    CompletableFuture<Process> onExit() {
        return process.onExit();
    }

    /**
     * Appends a line of the launcher's own to the process's log, e.g. why it is restarted, so the log tells the
     * whole story. A log that cannot be written to loses the line, nothing else.
     */
    void note(String line) {
        try {
            Files.writeString(logFile, "%s%s %s%n".formatted(NOTE_MARKER, Instant.now(), line), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            // The console shows the same line.
        }
    }

    /** Asks the process to stop (SIGTERM), which lets Micronaut and JobRunr shut down in order. */
    void terminate() {
        process.destroy();
    }

    /** Stops the process at once (SIGKILL). */
    void kill() {
        process.destroyForcibly();
    }
}
