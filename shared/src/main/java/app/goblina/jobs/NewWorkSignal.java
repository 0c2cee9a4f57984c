package app.goblina.jobs;

import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
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
 *
 * <p>The NOTIFY goes out from a thread of its own, so the job or request that enqueued does not wait for its round
 * trip. Signals that come while one is waiting to go out are sent as that one: a fan-out of ten jobs costs one
 * NOTIFY or two, not ten. Nothing is lost by it: a signal is only dropped when one still to be sent, and so sent
 * after the job's commit, will wake the workers anyway.
 */
@Singleton
public class NewWorkSignal {

    /** The channel workers LISTEN on. */
    public static final String CHANNEL = "goblina_new_work";

    private static final Logger LOG = LoggerFactory.getLogger(NewWorkSignal.class);

    private final DataSource dataSource;
    private final ExecutorService sender = Executors.newSingleThreadExecutor(Thread.ofPlatform()
            .name("new-work-signal").daemon(true).factory());
    /** A NOTIFY is queued and has not started: a new signal needs no other. */
    private final AtomicBoolean queued = new AtomicBoolean();
    private final AtomicLong sent = new AtomicLong();

    public NewWorkSignal(DataSource dataSource) {
        this.dataSource = DelegatingDataSource.unwrapDataSource(dataSource);
    }

    /** Sends the signal soon, on the sender thread; never throws and never waits for the database. */
    public void send() {
        if (!queued.compareAndSet(false, true)) {
            return;
        }
        try {
            sender.execute(this::notifyWorkers);
        } catch (RejectedExecutionException stopping) {
            queued.set(false);
        }
    }

    /** NOTIFYs sent so far: fewer than the signals when they came together. */
    public long sent() {
        return sent.get();
    }

    private void notifyWorkers() {
        // cleared before the NOTIFY: a job committed from here on gets a signal of its own
        queued.set(false);
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            if (!connection.getAutoCommit()) {
                connection.setAutoCommit(true);
            }
            statement.execute("NOTIFY " + CHANNEL);
            sent.incrementAndGet();
        } catch (SQLException | RuntimeException e) {
            LOG.debug("Could not signal new work (workers find it at their next look): {}", e.toString());
        }
    }

    @PreDestroy
    void stop() {
        sender.shutdown();
    }
}
