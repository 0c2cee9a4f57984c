package app.goblina.jobs;

import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells every worker that a job was just enqueued: a PostgreSQL {@code NOTIFY} on {@link #CHANNEL}, which each
 * worker's {@code NewWorkListener} turns into an immediate onboarding of work. Best effort: a signal that fails is
 * logged and forgotten, because workers still find the job by their safety loop and by JobRunr's poll.
 *
 * <p>Sent on a connection of its own, outside any transaction, after JobRunr has committed the job (JobRunr
 * writes on a connection of its own too): a worker that wakes always finds the job. NOTIFY needs a session, so it
 * does not pass through PgBouncer in transaction mode (see docs/adr/0005-wake-up-on-enqueue.md).
 */
@Singleton
public class NewWorkSignal {

    /** The channel workers LISTEN on. */
    public static final String CHANNEL = "goblina_new_work";

    private static final Logger LOG = LoggerFactory.getLogger(NewWorkSignal.class);

    private final DataSource dataSource;

    public NewWorkSignal(DataSource dataSource) {
        this.dataSource = DelegatingDataSource.unwrapDataSource(dataSource);
    }

    /** Sends the signal; never throws. */
    public void send() {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            if (!connection.getAutoCommit()) {
                connection.setAutoCommit(true);
            }
            statement.execute("NOTIFY " + CHANNEL);
        } catch (SQLException | RuntimeException e) {
            LOG.debug("Could not signal new work (workers find it at their next look): {}", e.toString());
        }
    }
}
