package app.goblina.launcher.processes;

import app.goblina.launcher.Display;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Makes sure only one platform uses a data directory at a time. Two would fight over the same PostgreSQL files
 * and ports, and the second one's clean-up of leftover processes would stop the first one's children. The
 * operating system drops the lock when the launcher dies, however it dies, so it never goes stale.
 */
final class DataDirLock implements AutoCloseable {

    private final FileChannel channel;
    private final FileLock lock;

    private DataDirLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    static DataDirLock acquire(Path dataDir) throws IOException {
        Path file = dataDir.resolve("launcher.lock");
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            channel.close();
            throw new PlatformStartException("Another Goblina is already running with the data directory "
                    + Display.path(dataDir) + " (./goblina up or ./goblina demo). Stop it first, or use another "
                    + "data directory (GOBLINA_DATA_DIR).");
        }
        return new DataDirLock(channel, lock);
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            // The lock goes away with the channel or the process anyway.
        }
    }
}
