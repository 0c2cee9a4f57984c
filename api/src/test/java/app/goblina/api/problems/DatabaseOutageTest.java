package app.goblina.api.problems;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.data.connection.exceptions.ConnectionException;
import io.micronaut.data.connection.exceptions.NoConnectionException;
import io.micronaut.data.connection.jdbc.exceptions.CannotGetJdbcConnectionException;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.http.MutableHttpResponse;
import java.net.ConnectException;
import java.net.SocketException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.jobrunr.storage.StorageException;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;

/** Which failures mean "the database is unreachable": the chains seen with a stopped PostgreSQL, and look-alikes. */
class DatabaseOutageTest {

    private static SQLTransientConnectionException poolTimedOut() {
        PSQLException refused = new PSQLException("Connection to 127.0.0.1:5432 refused", PSQLState.CONNECTION_UNABLE_TO_CONNECT,
                new ConnectException("Connection refused"));
        return new SQLTransientConnectionException("HikariPool-1 - Connection is not available, request timed out after 3000ms",
                "08001", refused);
    }

    @Test
    void thePoolTimingOutWhileTheServerRefusesConnectionsIsAnOutageHoweverItIsWrapped() {
        assertThat(DatabaseOutage.explains(poolTimedOut())).isTrue();
        assertThat(DatabaseOutage.explains(new CannotGetJdbcConnectionException("Failed to obtain a connection", poolTimedOut()))).isTrue();
        assertThat(DatabaseOutage.explains(new StorageException(poolTimedOut()))).isTrue();
    }

    @Test
    void aStatementOnAConnectionTheServerDroppedIsAnOutage() {
        PSQLException brokenPipe = new PSQLException("An I/O error occurred while sending to the backend.",
                PSQLState.CONNECTION_FAILURE, new SocketException("Broken pipe"));
        SQLException shutDown = new SQLException("FATAL: terminating connection due to administrator command", "57P01");

        assertThat(DatabaseOutage.explains(new StorageException(brokenPipe))).isTrue();
        assertThat(DatabaseOutage.explains(new DataAccessException("Error executing SQL Query", shutDown))).isTrue();
        assertThat(DatabaseOutage.explains(new DataAccessException("x", new SQLException("starting up", "57P03")))).isTrue();
    }

    @Test
    void aConnectionCallThatFailsOnTheClosedConnectionOfTheDroppedOneIsAnOutage() {
        // Micronaut Data resets read-only on the connection after the failed statement; the pool has closed it by
        // then, and this is what reaches the API, the statement's own 57P01 lost.
        assertThat(DatabaseOutage.explains(new ConnectionException("Could not set JDBC Connection read-only",
                new SQLException("Connection is closed")))).isTrue();
    }

    @Test
    void aBadStatementAMissingConnectionInTheCodeOrAnyOtherFailureIsNotAnOutage() {
        assertThat(DatabaseOutage.explains(new DataAccessException("Error executing SQL Query",
                new SQLException("relation \"projectz\" does not exist", "42P01")))).isFalse();
        assertThat(DatabaseOutage.explains(new StorageException(new SQLException("duplicate key", "23505")))).isFalse();
        assertThat(DatabaseOutage.explains(new NoConnectionException("No current connection present"))).isFalse();
        assertThat(DatabaseOutage.explains(new IllegalStateException("Render file missing", new ConnectException("S3")))).isFalse();
    }

    @Test
    void aChainThatLoopsIsWalkedOnce() {
        RuntimeException first = new RuntimeException("first");
        RuntimeException second = new RuntimeException("second", first);
        first.initCause(second);

        assertThat(DatabaseOutage.explains(first)).isFalse();
        assertThat(DatabaseOutage.describe(first)).isEqualTo("RuntimeException <- RuntimeException: second");
    }

    @Test
    void theLogLineNamesEachLinkWithItsSqlStateAndEndsWithTheRootMessage() {
        assertThat(DatabaseOutage.describe(new StorageException(poolTimedOut())))
                .isEqualTo("StorageException <- SQLTransientConnectionException(08001) <- PSQLException(08001) "
                        + "<- ConnectException: Connection refused");
    }

    @Test
    void theAnswerIs503WithRetryAfterAndAProblemThatNamesTheDatabaseOnly() {
        MutableHttpResponse<Problem> response = DatabaseOutage.response();

        assertThat(response.code()).isEqualTo(503);
        assertThat(response.getHeaders().get("Retry-After")).isEqualTo("5");
        assertThat(response.getContentType()).get().hasToString(Problem.MEDIA_TYPE);
        Problem problem = response.body();
        assertThat(problem.status()).isEqualTo(503);
        assertThat(problem.title()).isEqualTo("Service Unavailable");
        assertThat(problem.detail()).isEqualTo("The database is unreachable, so nothing was read or changed. "
                + "Try again in 5 seconds.");
        assertThat(problem.errors()).isEmpty();
    }
}
