package app.goblina.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import app.goblina.testkit.TestDatabase;
import app.goblina.testkit.TestPostgres;
import io.micronaut.context.ApplicationContext;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The job-run bookkeeping on a real PostgreSQL. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JobRunBookkeepingTest {

    private ApplicationContext context;
    private JobRunRepository runs;
    private TestDatabase database;
    private UUID tenant;

    @BeforeAll
    void start() {
        database = TestPostgres.newDatabase();
        context = ApplicationContext.run(Map.of(
                "datasources.default.url", database.jdbcUrl(),
                "datasources.default.username", database.username(),
                "datasources.default.password", database.password(),
                "datasources.default.dialect", "POSTGRES",
                "flyway.datasources.default.enabled", true,
                "goblina.storage.local-root", System.getProperty("java.io.tmpdir") + "/goblina-job-runs-test"));
        runs = context.getBean(JobRunRepository.class);
        tenant = UUID.randomUUID();
        context.getBean(TenantRepository.class).insertIfAbsent(tenant, "job runs " + tenant, 100);
    }

    @AfterAll
    void stop() {
        context.close();
    }

    @Test
    void aRunIsShownStartedAndThenFinishedAndARetryStartsItsRowAgain() {
        UUID project = UUID.randomUUID();
        UUID job = UUID.randomUUID();
        Instant ready = Instant.now().truncatedTo(ChronoUnit.MILLIS);

        runs.recordStart(job, tenant, project, null, "SubmitClip", "clips", ready, ready.plusMillis(40));
        assertThat(only(project).finishedAt()).as("running").isNull();

        runs.recordFinish(job, ready.plusMillis(90));
        JobRunRow finished = only(project);
        assertThat(finished.startedAt()).isEqualTo(ready.plusMillis(40));
        assertThat(finished.finishedAt()).isEqualTo(ready.plusMillis(90));

        runs.recordStart(job, tenant, project, null, "SubmitClip", "clips", ready, ready.plusMillis(500));
        JobRunRow retried = only(project);
        assertThat(retried.startedAt()).isEqualTo(ready.plusMillis(500));
        assertThat(retried.finishedAt()).as("the retry is running").isNull();
    }

    @Test
    void aConnectionThatWroteBookkeepingInAutocommitStillWaitsForTheFlushOnItsNextCommit() throws SQLException {
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.username(),
                database.password()); Statement statement = connection.createStatement()) {
            assertThat(connection.getAutoCommit()).as("as the pool hands connections out").isTrue();
            try (ResultSet inside = statement.executeQuery("SELECT current_setting('synchronous_commit') FROM "
                    + JobRunRepository.WITHOUT_FLUSH_WAIT)) {
                inside.next();
                assertThat(inside.getString(1)).as("within the bookkeeping statement").isEqualTo("off");
            }
            try (ResultSet after = statement.executeQuery("SHOW synchronous_commit")) {
                after.next();
                assertThat(after.getString(1)).as("the connection's next statement").isEqualTo("on");
            }
        }
    }

    private JobRunRow only(UUID project) {
        List<JobRunRow> rows = runs.findForProject(tenant, project, UUID.randomUUID());
        assertThat(rows).hasSize(1);
        return rows.getFirst();
    }
}
