package app.goblina.worker.media;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;

/**
 * A file written in a scratch directory and moved into place only once complete, so readers of the target never
 * see a half-written file. Closing without {@link #commitTo(Path)} deletes it, which is what cleans up after a
 * failure.
 */
final class StagedFile implements AutoCloseable {

    private final Path path;
    private boolean committed;

    private StagedFile(Path path) {
        this.path = path;
    }

    /**
     * Creates an empty file named {@code prefix + random + suffix} in {@code directory}, creating the directory
     * when needed. Uses the default permissions (not {@code createTempFile}'s owner-only ones): the finished file
     * is a deliverable, not a secret.
     */
    static StagedFile create(Path directory, String prefix, String suffix) {
        try {
            Files.createDirectories(directory);
            return new StagedFile(Files.createFile(directory.resolve(prefix + UUID.randomUUID() + suffix)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path path() {
        return path;
    }

    /**
     * Moves the file to {@code target}, replacing it. Atomic when both are on one file system; otherwise the file
     * is first copied next to the target and then renamed over it, which is atomic again.
     */
    void commitTo(Path target) {
        Path absoluteTarget = target.toAbsolutePath();
        try {
            Files.createDirectories(absoluteTarget.getParent());
            try {
                Files.move(path, absoluteTarget, StandardCopyOption.ATOMIC_MOVE);
                committed = true;
            } catch (AtomicMoveNotSupportedException crossDevice) {
                Path sibling = absoluteTarget.resolveSibling(
                        "." + absoluteTarget.getFileName() + "." + UUID.randomUUID() + ".part");
                try {
                    Files.copy(path, sibling);
                    Files.move(sibling, absoluteTarget, StandardCopyOption.ATOMIC_MOVE);
                } finally {
                    Files.deleteIfExists(sibling);
                }
                // The target is complete; the scratch copy is now just a leftover for close() to remove.
                Files.deleteIfExists(path);
                committed = true;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes the file unless it was committed. Best effort: a failure to delete must not hide the real error. */
    @Override
    public void close() {
        if (!committed) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException ignored) {
                // Nothing more can be done here; the caller is already reporting success or its own failure.
            }
        }
    }
}
