package app.goblina.api.health;

import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import javax.sql.DataSource;

/** {@code GET /health}: 200 when the API can reach its database. No key needed. */
@Controller("/health")
public class HealthController {

    private final DataSource dataSource;

    public HealthController(DataSource dataSource) {
        this.dataSource = DelegatingDataSource.unwrapDataSource(dataSource);
    }

    @Get
    @ExecuteOn(TaskExecutors.BLOCKING)
    public Map<String, String> health() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.isValid(2);
        }
        return Map.of("status", "UP");
    }
}
