package app.goblina.worker.jobrunr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.goblina.domain.ProjectStatus;
import app.goblina.jobs.JobQueue;
import app.goblina.jobs.WriteScenarios;
import app.goblina.persistence.ProjectRepository;
import app.goblina.persistence.ProjectRow;
import app.goblina.testkit.FreePort;
import app.goblina.testkit.RestartablePostgres;
import app.goblina.worker.pipeline.ProjectRows;
import app.goblina.worker.pipeline.WorkerTestContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A worker, its job server and its HTTP port running on a PostgreSQL of the test's own, which the test stops and
 * starts again. JobRunr stops its background job server at the first heartbeat that fails ("An unrecoverable error
 * occurred. Shutting down"); the supervisor starts it again once the database answers, and /health tells an
 * orchestrator which of these the worker is in.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JobServerAfterADatabaseOutageTest {

    private static final Logger LOG = LoggerFactory.getLogger(JobServerAfterADatabaseOutageTest.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The pool's wait for a connection: the outage lasts well over it. */
    private static final int CONNECTION_TIMEOUT_MS = 2000;

    private RestartablePostgres postgres;
    private WorkerTestContext worker;
    private URI health;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private UUID characterId;

    @BeforeAll
    void start() throws Exception {
        postgres = RestartablePostgres.startNew();
        worker = new WorkerTestContext(postgres.database(), Map.of(
                "goblina.worker.run-server", true,
                "goblina.worker.threads", 2,
                "goblina.worker.sweep-after", "1h",
                "goblina.retries.first-wait", "500ms",
                "datasources.default.connection-timeout", CONNECTION_TIMEOUT_MS,
                "micronaut.server.port", FreePort.pick()));
        EmbeddedServer server = worker.bean(EmbeddedServer.class);
        server.start();
        health = server.getURI().resolve("/health");

        characterId = worker.readyCharacter();
    }

    @AfterAll
    void stop() throws IOException {
        try {
            if (worker != null) {
                worker.close();
            }
        } finally {
            if (postgres != null) {
                postgres.close();
            }
        }
    }

    @Test
    void aJobServerStoppedByADatabaseOutageIsStartedAgainOnceTheDatabaseIsBackAndHealthSaysSoThroughout() throws Exception {
        // given a worker whose job server runs
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            Health answer = health();
            assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
        });
        assertThat(health().body().get("jobServerRestarts").asInt()).isZero();

        // when its database goes away
        postgres.stop();
        long outageSince = System.nanoTime();
        LOG.info("PostgreSQL stopped");

        // then /health answers 503 at once, the database not answering
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(250)).until(() -> health().status() == 503);
        LOG.info("/health answered 503 {} ms into the outage: {}", millisSince(outageSince), health().body());
        // and JobRunr shuts its background job server down
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() -> health().body().get("detail")
                .asText().equals("the background job server is stopped"));
        long stoppedAfter = millisSince(outageSince);
        LOG.info("/health reported the background job server stopped (JobRunr shutting it down) {} ms into the outage", stoppedAfter);
        assertThat(stoppedAfter).isGreaterThan(CONNECTION_TIMEOUT_MS);
        // and while the database stays away, nothing is started again and /health stays 503
        await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    Health answer = health();
                    return answer.status() == 503 && answer.body().get("jobServerRestarts").asInt() == 0;
                });

        // when the database is back, on the same port with the same data
        postgres.start();
        long backSince = System.nanoTime();
        LOG.info("PostgreSQL started again after an outage of {} ms", millisSince(outageSince));

        // then the supervisor starts the job server again, and /health says so
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250)).until(() -> health().status() == 200);
        Health healthy = health();
        LOG.info("/health answered 200 again {} ms after the database was back: {}", millisSince(backSince), healthy.body());
        assertThat(healthy.body().get("status").asText()).isEqualTo("UP");
        assertThat(healthy.body().get("jobServerRestarts").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(healthy.body().path("lastRestart").isTextual()).as("when it was started again").isTrue();

        // and work enqueued after the outage runs: a short is made end to end
        UUID projectId = newProject();
        worker.bean(JobQueue.class).enqueue(new WriteScenarios(worker.tenantId, projectId));
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                .until(() -> project(projectId).status(), status -> status == ProjectStatus.DONE || status.isTerminal());
        ProjectRow project = project(projectId);
        assertThat(project.status()).as(String.valueOf(project.failureReason())).isEqualTo(ProjectStatus.DONE);
        LOG.info("A project enqueued after the outage was DONE {} ms after the database was back", millisSince(backSince));
        assertThat(health().status()).isEqualTo(200);
    }

    private record Health(int status, JsonNode body) {
    }

    private Health health() throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        return new Health(response.statusCode(), JSON.readTree(response.body()));
    }

    private ProjectRow project(UUID projectId) {
        return worker.bean(ProjectRepository.class).findByIdAndTenantId(projectId, worker.tenantId).orElseThrow();
    }

    private static long millisSince(long nanos) {
        return Duration.ofNanos(System.nanoTime() - nanos).toMillis();
    }

    private UUID newProject() {
        UUID projectId = UUID.randomUUID();
        worker.bean(ProjectRepository.class).save(ProjectRows.project(worker.tenantId, characterId)
                .id(projectId).topic("tidy caves").build());
        return projectId;
    }
}
