package app.goblina.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import app.goblina.api.problems.DatabaseOutage;
import app.goblina.jobs.JobQueue;
import app.goblina.jobs.WriteScenarios;
import app.goblina.persistence.ProjectRepository;
import app.goblina.testkit.RestartablePostgres;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.jobrunr.storage.StorageException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The API while its PostgreSQL is down: every endpoint that needs the database answers 503 with a problem and a
 * Retry-After, quickly, and the API serves again by itself once the database is back. The database is one of this
 * test's own, stopped and started again on the same port and data directory.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiDuringDatabaseOutageTest {

    /** Well under Hikari's default 30 s wait for a connection: the API's own connection timeout bounds it. */
    private static final Duration ANSWER_BOUND = Duration.ofSeconds(10);
    private static final Duration OUTAGE_NOTICED_WITHIN = Duration.ofSeconds(30);
    private static final Duration RECOVERED_WITHIN = Duration.ofSeconds(30);

    private RestartablePostgres postgres;
    private ApiTestContext api;
    private ApiClient client;
    private final HttpClient anonymous = HttpClient.newHttpClient();
    private String characterId;

    @BeforeAll
    void start() throws Exception {
        postgres = RestartablePostgres.startNew();
        api = new ApiTestContext(postgres.database());
        client = new ApiClient(api, api.keyA);
        characterId = client.json(client.upload("Ms. Goblina", TestImages.png(64, 64), "image/png")).get("id").asText();
    }

    @AfterAll
    void stop() throws Exception {
        if (api != null) {
            api.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void whilePostgresIsDownTheApiAnswers503WithRetryAfterAndItServesAgainByItselfOnceTheDatabaseIsBack() throws Exception {
        assertThat(client.get("/v1/projects").statusCode()).isEqualTo(200);
        Map<String, Long> before = api.writtenState();

        postgres.stop();
        try {
            await().atMost(OUTAGE_NOTICED_WITHIN).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(200))
                    .untilAsserted(() -> assertUnavailable(timed(() -> client.get("/v1/projects"))));
            assertUnavailable(timed(() -> client.get("/v1/projects")));
            assertUnavailable(timed(() -> client.post("/v1/projects", newProject())));
            assertUnavailable(timed(() -> client.get("/v1/characters/" + characterId)));
            assertUnavailable(timed(this::health));
        } finally {
            postgres.start();
        }

        assertThat(api.writtenState()).as("the refused requests wrote nothing").isEqualTo(before);
        await().atMost(RECOVERED_WITHIN).pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> assertThat(timed(() -> client.get("/v1/projects")).statusCode()).isEqualTo(200));
        HttpResponse<String> created = timed(() -> client.post("/v1/projects", newProject()));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
        await().atMost(RECOVERED_WITHIN).pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> assertThat(timed(this::health).statusCode()).isEqualTo(200));
    }

    @Test
    void enqueueingAJobOrReadingARowWhilePostgresIsDownFailsWithAnExceptionTheApiAnswersAs503() throws Exception {
        JobQueue jobs = api.server.getApplicationContext().getBean(JobQueue.class);
        ProjectRepository projects = api.server.getApplicationContext().getBean(ProjectRepository.class);
        List<RuntimeException> failures = new ArrayList<>();

        postgres.stop();
        try {
            // First the pooled connections the server dropped fail, one by one; once none is left, the wait for a
            // new one times out. Both kinds must read as an outage.
            await().atMost(Duration.ofSeconds(60)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(50)).until(() -> {
                RuntimeException enqueue = failureOf(() -> jobs.enqueue(new WriteScenarios(api.tenantA, UUID.randomUUID())));
                failures.add(enqueue);
                failures.add(failureOf(() -> projects.findByIdAndTenantId(UUID.randomUUID(), api.tenantA)));
                return hasCause(enqueue, SQLTransientConnectionException.class);
            });
        } finally {
            postgres.start();
        }

        assertThat(failures).allSatisfy(failure -> assertThat(DatabaseOutage.explains(failure))
                .as(DatabaseOutage.describe(failure)).isTrue());
        assertThat(failures).anySatisfy(failure -> assertThat(failure).isInstanceOf(StorageException.class));
    }

    private static boolean hasCause(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }

    private static RuntimeException failureOf(Runnable call) {
        long started = System.nanoTime();
        RuntimeException failure = catchThrowableOfType(RuntimeException.class, call::run);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(ANSWER_BOUND);
        assertThat(failure).as("a call while the database is down fails").isNotNull();
        return failure;
    }

    private Map<String, Object> newProject() {
        return Map.of("characterId", characterId, "topic", "goblin yoga", "preset", "chaotic");
    }

    private HttpResponse<String> health() {
        try {
            return anonymous.send(HttpRequest.newBuilder(api.url("/health")).timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The request's answer, after checking it came within {@link #ANSWER_BOUND}. */
    private static HttpResponse<String> timed(Supplier<HttpResponse<String>> request) {
        long started = System.nanoTime();
        HttpResponse<String> response = request.get();
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(took).as("time to answer %s", response.uri()).isLessThan(ANSWER_BOUND);
        return response;
    }

    private void assertUnavailable(HttpResponse<String> response) {
        String body = response.body();
        assertThat(response.statusCode()).as(response.uri() + " " + body).isEqualTo(503);
        assertThat(response.headers().firstValue("Content-Type")).get().asString().startsWith("application/problem+json");
        assertThat(response.headers().firstValue("Retry-After")).get().asString().matches("[1-9][0-9]?");
        JsonNode problem = client.json(response);
        assertThat(problem.get("type").asText()).isNotBlank();
        assertThat(problem.get("title").asText()).isNotBlank();
        assertThat(problem.get("status").asInt()).isEqualTo(503);
        assertThat(problem.get("detail").asText()).containsIgnoringCase("database");
        assertThat(body).as("no internals in the answer")
                .doesNotContainIgnoringCase("sql")
                .doesNotContainIgnoringCase("exception")
                .doesNotContainIgnoringCase("hikari")
                .doesNotContainIgnoringCase("jdbc")
                .doesNotContain("java.", "org.", "io.micronaut", "\tat ");
    }
}
