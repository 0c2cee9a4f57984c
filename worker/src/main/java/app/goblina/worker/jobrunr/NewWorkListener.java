package app.goblina.worker.jobrunr;

import app.goblina.jobs.NewWorkSignal;
import com.zaxxer.hikari.HikariDataSource;
import io.micronaut.context.annotation.Context;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import jakarta.annotation.PreDestroy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wakes this worker's job server as soon as work is enqueued anywhere: one connection of its own (not from the
 * pool, which would take it back) {@code LISTEN}s on {@link NewWorkSignal#CHANNEL}, and every notification runs
 * JobRunr's onboarding at once ({@link WakeableJobServer#wakeUp()}). When no signal comes for
 * {@link WakeUpConfig#safetyEvery()} the server is woken anyway, so a lost signal costs that long at most. A lost
 * connection is opened again with a growing wait; while it is down the safety wake-ups go on.
 *
 * <p>JobRunr's own poll stays as it is (5 s or more): its heartbeats, orphan detection and scheduled jobs keep the
 * pace JobRunr intends; only the hand-over of enqueued work gets faster.
 */
@Context
public class NewWorkListener {

    private static final Logger LOG = LoggerFactory.getLogger(NewWorkListener.class);
    /** A connection that carried nothing for this long is checked before it is trusted any longer. */
    private static final Duration CHECK_QUIET_CONNECTION = Duration.ofSeconds(10);

    private final WakeUpConfig config;
    private final WakeableJobServer server;
    private final HikariDataSource pool;
    private final Thread thread;
    private final AtomicLong signals = new AtomicLong();
    private volatile boolean stopping;
    private volatile Connection connection;

    public NewWorkListener(WakeUpConfig config, JobServerSupervisor supervisor, DataSource dataSource) {
        this.config = config;
        this.server = supervisor.server();
        this.pool = DelegatingDataSource.unwrapDataSource(dataSource) instanceof HikariDataSource hikari ? hikari : null;
        if (config.enabled() && server != null && pool != null) {
            thread = new Thread(this::listen, "new-work-listener");
            thread.setDaemon(true);
            thread.start();
            LOG.info("Listening for new work on channel {} (and looking every {} anyway)", NewWorkSignal.CHANNEL,
                    config.safetyEvery());
        } else {
            thread = null;
            if (config.enabled() && server != null) {
                LOG.warn("The data source is not Hikari's; new work is found by JobRunr's poll only");
            }
        }
    }

    /** Signals received since start (for tests and the log). */
    public long signalsReceived() {
        return signals.get();
    }

    /** Whether this worker listens now. */
    public boolean listening() {
        return connection != null;
    }

    private void listen() {
        Duration wait = Duration.ofMillis(250);
        while (!stopping) {
            try (Connection opened = open()) {
                connection = opened;
                wait = Duration.ofMillis(250);
                // whatever was enqueued while we were not listening
                wakeUp();
                receive(opened.unwrap(PGConnection.class), opened);
            } catch (SQLException | RuntimeException e) {
                if (stopping) {
                    return;
                }
                LOG.warn("Not listening for new work ({}); trying again in {} ms", e.toString(), wait.toMillis());
            } finally {
                connection = null;
            }
            wait = sleepWakingUp(wait);
        }
    }

    private Connection open() throws SQLException {
        Properties properties = new Properties();
        if (pool.getUsername() != null) {
            properties.setProperty("user", pool.getUsername());
        }
        if (pool.getPassword() != null) {
            properties.setProperty("password", pool.getPassword());
        }
        properties.setProperty("ApplicationName", "goblina new-work listener");
        properties.setProperty("tcpKeepAlive", "true");
        properties.setProperty("connectTimeout", "3");
        Connection opened = DriverManager.getConnection(pool.getJdbcUrl(), properties);
        opened.setAutoCommit(true);
        try (Statement statement = opened.createStatement()) {
            statement.execute("LISTEN " + NewWorkSignal.CHANNEL);
        }
        return opened;
    }

    private void receive(PGConnection listening, Connection opened) throws SQLException {
        int safetyMillis = (int) Math.max(1, config.safetyEvery().toMillis());
        long quietSince = System.nanoTime();
        while (!stopping) {
            PGNotification[] received = listening.getNotifications(safetyMillis);
            if (received != null && received.length > 0) {
                signals.addAndGet(received.length);
                quietSince = System.nanoTime();
            } else if (System.nanoTime() - quietSince > CHECK_QUIET_CONNECTION.toNanos()) {
                if (!opened.isValid(2)) {
                    throw new SQLException("the listening connection no longer answers");
                }
                quietSince = System.nanoTime();
            }
            // a signal, or the safety look
            wakeUp();
        }
    }

    /** Sleeps {@code wait} in safety-sized steps, waking the server at each, and returns the next, longer wait. */
    private Duration sleepWakingUp(Duration wait) {
        long until = System.nanoTime() + wait.toNanos();
        try {
            while (!stopping && System.nanoTime() < until) {
                Thread.sleep(Math.min(config.safetyEvery().toMillis(), Math.max(1, (until - System.nanoTime()) / 1_000_000)));
                wakeUp();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopping = true;
        }
        Duration doubled = wait.multipliedBy(2);
        return doubled.compareTo(config.reconnectMax()) > 0 ? config.reconnectMax() : doubled;
    }

    private void wakeUp() {
        try {
            server.wakeUp();
        } catch (RuntimeException e) {
            // the database is down, say: JobRunr's own poll reports it, and the next wake-up tries again
            LOG.debug("Could not look for new work: {}", e.toString());
        }
    }

    @PreDestroy
    void stop() {
        stopping = true;
        if (thread != null) {
            thread.interrupt();
            Connection open = connection;
            if (open != null) {
                try {
                    open.close();
                } catch (SQLException ignored) {
                    // closing anyway
                }
            }
        }
    }
}
