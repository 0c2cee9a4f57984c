package app.goblina.jobs;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.jobrunr.storage.StorageException;

/**
 * One process at a time creates and migrates JobRunr's tables. JobRunr 8.7 decides which of its migrations to run
 * before it takes its own lock on the migrations table, so two processes starting together on a fresh database (the
 * API and a worker under {@code ./goblina up}, replicas of a deployment) could both run the same migration, and the
 * second failed its start with "column ... already exists". Holding a PostgreSQL advisory lock around the storage
 * provider's creation makes the second process wait, then find every migration applied.
 *
 * <p>The lock is session-level on a connection of its own, released when closed (and by PostgreSQL if the process
 * dies holding it).
 */
final class JobRunrMigrationLock implements AutoCloseable {

    /** An arbitrary key that names this lock among the database's advisory locks. */
    static final long KEY = 0x676f626c696e61L; // "goblina"

    private final Connection connection;

    private JobRunrMigrationLock(Connection connection) {
        this.connection = connection;
    }

    /** Waits for the lock; answers once this process holds it. */
    static JobRunrMigrationLock take(DataSource dataSource) {
        try {
            Connection connection = dataSource.getConnection();
            try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_lock(?)")) {
                lock.setLong(1, KEY);
                lock.execute();
                return new JobRunrMigrationLock(connection);
            } catch (SQLException | RuntimeException e) {
                connection.close();
                throw e;
            }
        } catch (SQLException e) {
            throw new StorageException("could not take the lock for creating JobRunr's tables", e);
        }
    }

    @Override
    public void close() {
        try (connection; PreparedStatement unlock = connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
            unlock.setLong(1, KEY);
            unlock.execute();
        } catch (SQLException e) {
            // closing the connection ends the session, and the lock with it
        }
    }
}
