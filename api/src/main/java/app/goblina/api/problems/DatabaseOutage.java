package app.goblina.api.problems;

import io.micronaut.data.connection.exceptions.ConnectionException;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Tells a failure to reach PostgreSQL from every other failure, and answers it: {@code 503} with a problem and a
 * {@code Retry-After}. The API serves again by itself once the database answers: the pool opens new connections
 * on the next requests.
 *
 * <p>What a stopped or unreachable database looks like, by cause, anywhere in the chain (JobRunr's
 * {@code StorageException} and Micronaut Data's exceptions wrap these):
 * <ul>
 *   <li>{@link SQLTransientConnectionException}: the pool's wait for a connection ran out
 *       ({@code DATABASE_CONNECT_TIMEOUT}), its cause the driver's "Connection refused" (SQLState 08001);</li>
 *   <li>an {@link SQLException} of SQLState class {@code 08} (connection exception) or {@code 57P01}-{@code 57P03}
 *       (the server is shutting down, crashed, or not yet accepting connections);</li>
 *   <li>a Micronaut Data {@link ConnectionException} caused by an {@link SQLException}: a connection-level call
 *       (set read-only, commit, close) on a connection the server dropped, which hides the statement's own
 *       57P01 or 08006 behind the pool's "Connection is closed".</li>
 * </ul>
 */
public final class DatabaseOutage {

    /** How long a client is asked to wait before trying again: about what a database restart takes. */
    public static final int RETRY_AFTER_SECONDS = 5;

    private static final List<String> SERVER_GOING_AWAY = List.of("57P01", "57P02", "57P03");
    private static final String TITLE = "Service Unavailable";
    private static final String DETAIL = "The database is unreachable, so nothing was read or changed. Try again in "
            + RETRY_AFTER_SECONDS + " seconds.";

    private DatabaseOutage() {
    }

    /** Whether {@code failure} comes from the database being unreachable (rather than, say, a bad statement). */
    public static boolean explains(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable cause = failure; cause != null && seen.add(cause); cause = cause.getCause()) {
            if (cause instanceof SQLTransientConnectionException) {
                return true;
            }
            if (cause instanceof SQLException sql && isConnectionState(sql.getSQLState())) {
                return true;
            }
            if (cause instanceof ConnectionException && cause.getCause() instanceof SQLException) {
                return true;
            }
        }
        return false;
    }

    /**
     * The chain of {@code failure} on one line for the log, outermost first, each with its SQLState when it has one,
     * ending with the root's message: {@code StorageException <- SQLTransientConnectionException(08001) <-
     * PSQLException(08001) <- ConnectException: Connection refused}.
     */
    public static String describe(Throwable failure) {
        StringBuilder line = new StringBuilder();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Throwable last = failure;
        for (Throwable cause = failure; cause != null && seen.add(cause); cause = cause.getCause()) {
            if (!line.isEmpty()) {
                line.append(" <- ");
            }
            line.append(cause.getClass().getSimpleName());
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                line.append('(').append(sql.getSQLState()).append(')');
            }
            last = cause;
        }
        return line.append(": ").append(last.getMessage()).toString();
    }

    private static boolean isConnectionState(String sqlState) {
        return sqlState != null && (sqlState.startsWith("08") || SERVER_GOING_AWAY.contains(sqlState));
    }

    /** {@code 503 Service Unavailable}, {@code Retry-After: 5}, and a problem that says the database is unreachable. */
    public static MutableHttpResponse<Problem> response() {
        Problem problem = new Problem("about:blank", TITLE, HttpStatus.SERVICE_UNAVAILABLE.getCode(), DETAIL, List.of());
        return HttpResponse.<Problem>status(HttpStatus.SERVICE_UNAVAILABLE)
                .body(problem)
                .contentType(Problem.MEDIA_TYPE)
                .header(HttpHeaders.RETRY_AFTER, Integer.toString(RETRY_AFTER_SECONDS));
    }
}
