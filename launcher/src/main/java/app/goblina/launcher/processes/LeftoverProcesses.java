package app.goblina.launcher.processes;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Remembers the children of a platform in {@code <dataDir>/run/<name>.pid} so that the next start can stop any
 * that outlived their launcher (killed with SIGKILL, a crashed test JVM). Otherwise a leftover API would keep the
 * port busy and a leftover worker would keep taking jobs with old code.
 */
final class LeftoverProcesses {

    private final Path runDir;
    private final String marker;

    /**
     * @param runDir the folder of the pid files
     * @param marker a string on the command line of every child of this data directory, so that a pid reused by
     *               an unrelated process is never touched
     */
    LeftoverProcesses(Path runDir, String marker) {
        this.runDir = runDir;
        this.marker = marker;
    }

    /**
     * Records a started child; the pid of a restarted one replaces that of the process before it. The file is
     * written beside and moved into place, so a reader never sees it empty while a restart rewrites it.
     */
    void remember(String name, long pid) throws IOException {
        Files.createDirectories(runDir);
        Path written = runDir.resolve(name + ".pid.new");
        Files.writeString(written, Long.toString(pid), StandardCharsets.UTF_8);
        Files.move(written, runDir.resolve(name + ".pid"), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
    }

    /** Forgets every child, after a clean stop. */
    void forgetAll() {
        for (Path file : pidFiles()) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // A stale pid file is harmless: the marker check keeps it from matching anything else.
            }
        }
    }

    /** Stops every remembered child that still runs: SIGTERM, then SIGKILL after {@code grace}. */
    void stopAll(Duration grace, Consumer<String> progress) {
        List<ProcessHandle> leftovers = new ArrayList<>();
        for (Path file : pidFiles()) {
            readPid(file).flatMap(ProcessHandle::of).filter(this::isOurs).ifPresent(handle -> {
                progress.accept("Stopping " + file.getFileName().toString().replace(".pid", "")
                        + " (pid " + handle.pid() + ") left running by an earlier start");
                handle.destroy();
                leftovers.add(handle);
            });
        }
        long deadline = System.nanoTime() + grace.toNanos();
        for (ProcessHandle handle : leftovers) {
            while (handle.isAlive() && System.nanoTime() < deadline) {
                sleep();
            }
            if (handle.isAlive()) {
                handle.destroyForcibly();
            }
        }
        forgetAll();
    }

    private boolean isOurs(ProcessHandle handle) {
        return handle.isAlive() && handle.info().commandLine().map(line -> line.contains(marker)).orElse(false);
    }

    private List<Path> pidFiles() {
        List<Path> files = new ArrayList<>();
        if (!Files.isDirectory(runDir)) {
            return files;
        }
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(runDir, "*.pid")) {
            stream.forEach(files::add);
        } catch (IOException e) {
            // Nothing to clean up that we can see.
        }
        return files;
    }

    private static Optional<Long> readPid(Path file) {
        try {
            return Optional.of(Long.parseLong(Files.readString(file, StandardCharsets.UTF_8).strip()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
