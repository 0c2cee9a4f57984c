package app.goblina.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import app.goblina.testkit.TestDatabase;
import app.goblina.testkit.TestPostgres;
import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.jobrunr.storage.StorageProvider;
import org.jobrunr.storage.sql.common.SqlStorageProviderFactory;
import org.jobrunr.utils.mapper.jackson.JacksonJsonMapper;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Two starts creating JobRunr's tables on one fresh database, with the interleaving that once failed a process's
 * start. They run in one JVM, on real PostgreSQL and JobRunr's own table creator, so that the interleaving can be
 * forced rather than waited for:
 * the first has decided which migrations to run and is held up just before it takes JobRunr's lock on the
 * migrations table, while the second starts, takes that lock, migrates and lets go. The first then takes the lock
 * too and runs the migrations it chose before, which are all applied by then.
 *
 * <p>Against JobRunr alone the first start fails ("already exists"): this documents the race in the JobRunr we pin,
 * so an upgrade that closes it shows here. Through {@link JobRunrFactory}, which holds {@link JobRunrMigrationLock}
 * around it, both starts succeed.
 */
class JobRunrMigrationRaceTest {

    /** How long the held-up start waits for the other to finish before it goes on anyway. */
    private static final Duration HOLD_UP = Duration.ofSeconds(4);

    @Test
    void twoStartsOnJobRunrAloneRunTheSameMigrationsTwiceAndTheFirstFails() throws Exception {
        Outcome outcome = race(SqlStorageProviderFactory::using);

        assertThat(outcome.heldUp()).failsWithin(Duration.ofSeconds(60)).withThrowableThat()
                .withStackTraceContaining("already exists");
        assertThat(outcome.second()).succeedsWithin(Duration.ofSeconds(60));
    }

    @Test
    void twoStartsThroughTheFactoryTakeTurnsAndBothSucceed() throws Exception {
        JobRunrFactory factory = new JobRunrFactory();
        Outcome outcome = race(dataSource -> factory.jobRunrStorage(dataSource, new JacksonJsonMapper()));

        assertThat(outcome.heldUp()).succeedsWithin(Duration.ofSeconds(60));
        assertThat(outcome.second()).succeedsWithin(Duration.ofSeconds(60));
        assertThat(outcome.secondEnded()).as("the second start waited for the first").isGreaterThan(outcome.firstEnded());
        assertThat(outcome.scriptsRunTwice()).isZero();
    }

    private record Outcome(CompletableFuture<StorageProvider> heldUp, CompletableFuture<StorageProvider> second,
            long firstEnded, long secondEnded, int scriptsRunTwice) {
    }

    /**
     * Starts the first creator on a fresh database, holds it at its second insert into the migrations table (the
     * first records the table's own creation, the second is JobRunr's lock row), starts the second creator then,
     * and lets the first go on once the second finished, or after {@link #HOLD_UP}.
     */
    private Outcome race(Function<DataSource, StorageProvider> create) throws Exception {
        TestDatabase database = TestPostgres.newDatabase();
        CountDownLatch heldUp = new CountDownLatch(1);
        CountDownLatch secondDone = new CountDownLatch(1);
        DataSource holding = new HoldingDataSource(plain(database), () -> {
            heldUp.countDown();
            try {
                secondDone.await(HOLD_UP.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        AtomicLong firstEnded = new AtomicLong();
        AtomicLong secondEnded = new AtomicLong();
        // a thread each: the common pool has one thread on a 2-core machine, and would run the two one after the other
        ExecutorService starts = Executors.newFixedThreadPool(2);
        CompletableFuture<StorageProvider> first = CompletableFuture.supplyAsync(() -> create.apply(holding), starts)
                .whenComplete((storage, failure) -> firstEnded.set(System.nanoTime()));
        assertThat(heldUp.await(60, TimeUnit.SECONDS)).as("the first start reached JobRunr's lock").isTrue();
        CompletableFuture<StorageProvider> second = CompletableFuture.supplyAsync(() -> create.apply(plain(database)), starts)
                .whenComplete((storage, failure) -> {
                    secondEnded.set(System.nanoTime());
                    secondDone.countDown();
                });
        CompletableFuture.allOf(first, second).exceptionally(failure -> null).get(120, TimeUnit.SECONDS);
        starts.shutdown();
        first.thenAccept(StorageProvider::close);
        second.thenAccept(StorageProvider::close);
        return new Outcome(first, second, firstEnded.get(), secondEnded.get(), scriptsRunTwice(database));
    }

    /** Migrations recorded more than once in JobRunr's migrations table. */
    private static int scriptsRunTwice(TestDatabase database) throws SQLException {
        try (Connection connection = plain(database).getConnection(); Statement statement = connection.createStatement();
                ResultSet twice = statement.executeQuery(
                        "SELECT count(*) FROM (SELECT script FROM jobrunr_migrations GROUP BY script HAVING count(*) > 1) d")) {
            twice.next();
            return twice.getInt(1);
        }
    }

    private static PGSimpleDataSource plain(TestDatabase database) {
        PGSimpleDataSource source = new PGSimpleDataSource();
        source.setUrl(database.jdbcUrl());
        source.setUser(database.username());
        if (database.password() != null) {
            source.setPassword(database.password());
        }
        return source;
    }

    /** A data source whose connections run {@code hold} before the second insert into the migrations table. */
    private static final class HoldingDataSource implements DataSource {

        private final DataSource delegate;
        private final Runnable hold;
        private final AtomicInteger migrationInserts = new AtomicInteger();

        HoldingDataSource(DataSource delegate, Runnable hold) {
            this.delegate = delegate;
            this.hold = hold;
        }

        @Override
        public Connection getConnection() throws SQLException {
            return holding(delegate.getConnection());
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return holding(delegate.getConnection(username, password));
        }

        private Connection holding(Connection connection) {
            return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                    (proxy, method, args) -> {
                        if (method.getName().equals("prepareStatement") && args != null && args[0] instanceof String sql
                                && sql.toLowerCase().startsWith("insert into jobrunr_migrations")
                                && migrationInserts.incrementAndGet() == 2) {
                            hold.run();
                        }
                        try {
                            return method.invoke(connection, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }

        @Override
        public PrintWriter getLogWriter() throws SQLException {
            return delegate.getLogWriter();
        }

        @Override
        public void setLogWriter(PrintWriter out) throws SQLException {
            delegate.setLogWriter(out);
        }

        @Override
        public void setLoginTimeout(int seconds) throws SQLException {
            delegate.setLoginTimeout(seconds);
        }

        @Override
        public int getLoginTimeout() throws SQLException {
            return delegate.getLoginTimeout();
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            return delegate.getParentLogger();
        }

        @Override
        public <T> T unwrap(Class<T> type) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> type) {
            return false;
        }
    }
}
