package app.goblina.api.health;

import app.goblina.api.problems.DatabaseOutage;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /health}, without a key: {@code 200 {"status":"UP"}} when the API can reach its database (its own
 * rows and JobRunr's live there), else the {@code 503} problem of {@link DatabaseOutage} with {@code Retry-After}.
 * The wait for a connection is bounded by the pool's {@code DATABASE_CONNECT_TIMEOUT}. This replaces Micronaut's
 * management health endpoint (switched off in application.yml), whose {@code {"status":"DOWN"}} said neither what
 * was down nor when to try again.
 */
@Controller("/health")
public class HealthController {

    private static final Logger LOG = LoggerFactory.getLogger(HealthController.class);
    /** A connection the pool just handed out was checked already; this bounds the rare extra round trip. */
    private static final int VALID_WITHIN_SECONDS = 2;

    private final DataSource pool;

    public HealthController(DataSource dataSource) {
        // The pool itself, outside any transaction or connection Micronaut Data may hold for the request.
        this.pool = DelegatingDataSource.unwrapDataSource(dataSource);
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    @ExecuteOn(TaskExecutors.BLOCKING)
    public HttpResponse<?> health() {
        try (Connection connection = pool.getConnection()) {
            if (connection.isValid(VALID_WITHIN_SECONDS)) {
                return HttpResponse.ok(Map.of("status", "UP"));
            }
            LOG.warn("Health: the database did not answer within {} s", VALID_WITHIN_SECONDS);
        } catch (SQLException e) {
            LOG.warn("Health: the database is unreachable: {}", DatabaseOutage.describe(e));
        }
        return DatabaseOutage.response();
    }
}
