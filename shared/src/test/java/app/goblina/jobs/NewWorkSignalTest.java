package app.goblina.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import app.goblina.testkit.TestDatabase;
import app.goblina.testkit.TestPostgres;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.postgresql.ds.PGSimpleDataSource;

/** The enqueue signal on a real PostgreSQL, heard by a connection that LISTENs as a worker's does. */
class NewWorkSignalTest {

    private TestDatabase database;
    private Connection listener;
    private NewWorkSignal signal;

    @BeforeEach
    void listen() throws Exception {
        database = TestPostgres.newDatabase();
        listener = DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password());
        try (Statement statement = listener.createStatement()) {
            statement.execute("LISTEN " + NewWorkSignal.CHANNEL);
        }
        signal = new NewWorkSignal(dataSource(database.jdbcUrl()));
    }

    @AfterEach
    void close() throws Exception {
        signal.stop();
        listener.close();
    }

    @Test
    void aSignalReachesAListeningWorkerAtOnce() throws Exception {
        signal.send();

        assertThat(heardWithin(Duration.ofSeconds(5))).hasSize(1);
    }

    @Test
    void aBurstOfSignalsGoesOutAsFarFewerNotifiesAndStillWakesTheWorkers() throws Exception {
        for (int i = 0; i < 200; i++) {
            signal.send();
        }

        List<PGNotification> heard = heardWithin(Duration.ofSeconds(5));
        assertThat(heard).isNotEmpty();
        assertThat(signal.sent()).isEqualTo(heard.size()).isLessThan(200);
    }

    @Test
    @Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void signallingNeverWaitsForADatabaseThatDoesNotAnswer() throws Exception {
        // a port that takes connections and never says a word: a driver waiting for its greeting would hang there
        try (ServerSocket silent = new ServerSocket(0)) {
            NewWorkSignal unreachable = new NewWorkSignal(
                    dataSource("jdbc:postgresql://127.0.0.1:" + silent.getLocalPort() + "/x"));
            long started = System.nanoTime();
            for (int i = 0; i < 50; i++) {
                unreachable.send();
            }

            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(500));
            assertThat(unreachable.sent()).isZero();
            unreachable.stop();
        }
    }

    /** Every notification that arrives until none has come for a second, or {@code first} passes without any. */
    private List<PGNotification> heardWithin(Duration first) throws Exception {
        List<PGNotification> heard = new ArrayList<>();
        PGConnection pg = listener.unwrap(PGConnection.class);
        PGNotification[] batch = pg.getNotifications((int) first.toMillis());
        while (batch != null && batch.length > 0) {
            heard.addAll(List.of(batch));
            batch = pg.getNotifications(1000);
        }
        return heard;
    }

    private PGSimpleDataSource dataSource(String url) {
        PGSimpleDataSource source = new PGSimpleDataSource();
        source.setUrl(url);
        source.setUser(database.username());
        if (database.password() != null) {
            source.setPassword(database.password());
        }
        return source;
    }
}
