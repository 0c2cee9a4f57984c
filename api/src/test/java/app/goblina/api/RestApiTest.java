package app.goblina.api;

import static org.assertj.core.api.Assertions.assertThat;

import app.goblina.jobs.JobIds;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;
import java.util.UUID;
import app.goblina.jobs.CancelProject;
import app.goblina.persistence.ProjectCancellationRepository;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The REST flow up to the point where workers take over: records written, jobs enqueued, status answered. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RestApiTest {

    private ApiTestContext api;
    private ApiClient tenantA;
    private ApiClient tenantB;

    @BeforeAll
    void start() throws Exception {
        api = new ApiTestContext();
        tenantA = new ApiClient(api, api.keyA);
        tenantB = new ApiClient(api, api.keyB);
    }

    @AfterAll
    void stop() {
        api.close();
    }

    @Test
    void anUploadedCharacterIsAcceptedAndItsAnalysisEnqueuedOnce() throws Exception {
        HttpResponse<String> created = tenantA.upload("Ms. Goblina", TestImages.png(96, 128), "image/png");

        assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
        JsonNode body = tenantA.json(created);
        UUID id = UUID.fromString(body.get("id").asText());
        assertThat(body.get("status").asText()).isEqualTo("ANALYZING");
        assertThat(created.headers().firstValue("Location")).hasValue("/v1/characters/" + id);

        JsonNode character = tenantA.json(tenantA.get("/v1/characters/" + id));
        assertThat(character.get("name").asText()).isEqualTo("Ms. Goblina");
        assertThat(character.get("status").asText()).isEqualTo("ANALYZING");
        assertThat(character.get("width").asInt()).isEqualTo(96);
        assertThat(character.get("styleGuide").isNull()).isTrue();
        assertThat(character.has("imageKey")).as("storage keys stay private").isFalse();
        assertThat(jobsWithId(JobIds.of(id, "analyze"))).isEqualTo(1);
    }

    @Test
    void aJpegIsRecognisedByItsContentWhateverTypeIsDeclared() {
        HttpResponse<String> created = tenantA.upload("Jpeg Goblina", TestImages.jpeg(80, 80), "application/octet-stream");

        assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
    }

    @Test
    void aProjectIsQueuedWithItsDefaultsAndListedForItsTenantOnly() {
        String characterId = tenantA.json(tenantA.upload("Goblina", TestImages.png(64, 64), "image/png")).get("id").asText();

        HttpResponse<String> created = tenantA.post("/v1/projects", Map.of("characterId", characterId,
                "topic", "why goblins make the best baristas", "preset", "sassy"));

        assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
        String projectId = tenantA.json(created).get("id").asText();
        JsonNode project = tenantA.json(tenantA.get("/v1/projects/" + projectId));
        assertThat(project.get("status").asText()).isEqualTo("QUEUED");
        assertThat(project.get("stage").asText()).isEqualTo("analysis");
        assertThat(project.get("progress").asInt()).isZero();
        assertThat(project.get("scenarioCount").asInt()).isEqualTo(3);
        assertThat(project.get("clipSeconds").asInt()).isEqualTo(4);
        assertThat(project.get("format").asText()).isEqualTo("1080x1920");
        assertThat(project.get("video").isNull()).isTrue();

        JsonNode pageA = tenantA.json(tenantA.get("/v1/projects?size=100"));
        JsonNode pageB = tenantB.json(tenantB.get("/v1/projects?size=100"));
        assertThat(pageA.get("items").findValuesAsText("id")).contains(projectId);
        assertThat(pageB.get("items").findValuesAsText("id")).doesNotContain(projectId);
        assertThat(tenantB.get("/v1/projects/" + projectId).statusCode()).isEqualTo(404);
    }

    @Test
    void aCancelledProjectStaysCancelledAndHasNoVideo() {
        String characterId = tenantA.json(tenantA.upload("Goblina", TestImages.png(64, 64), "image/png")).get("id").asText();
        String projectId = tenantA.json(tenantA.post("/v1/projects", Map.of("characterId", characterId,
                "topic", "tea", "preset", "deadpan", "scenarioCount", 2))).get("id").asText();

        HttpResponse<String> cancelled = tenantA.postEmpty("/v1/projects/" + projectId + "/cancel");

        assertThat(cancelled.statusCode()).isEqualTo(202);
        assertThat(tenantA.json(tenantA.get("/v1/projects/" + projectId)).get("status").asText()).isEqualTo("CANCELLED");
        // the cancel is on record, to be carried out by its job (or by the workers' sweep after a crash)
        assertThat(api.server.getApplicationContext().getBean(ProjectCancellationRepository.class)
                .findByProject(UUID.fromString(projectId), api.tenantA)).get()
                .satisfies(c -> assertThat(c.carriedOutAt()).isNull());
        assertThat(api.server.getApplicationContext().getBean(org.jobrunr.storage.StorageProvider.class)
                .getJobById(new CancelProject(api.tenantA, UUID.fromString(projectId)).jobId())).isNotNull();
        HttpResponse<String> again = tenantA.postEmpty("/v1/projects/" + projectId + "/cancel");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(tenantA.json(again).get("errors").get(0).get("reason").asText()).contains("CANCELLED");
        assertThat(tenantA.get("/v1/projects/" + projectId + "/video").statusCode()).isEqualTo(409);
    }

    @Test
    void aServerErrorAnswers500WithAProblemThatKeepsTheExceptionsMessageToTheLog() throws Exception {
        String characterId = tenantA.json(tenantA.upload("Goblina", TestImages.png(64, 64), "image/png")).get("id").asText();
        UUID projectId = UUID.fromString(tenantA.json(tenantA.post("/v1/projects", Map.of("characterId", characterId,
                "topic", "lost files", "preset", "deadpan"))).get("id").asText());
        // A render marked ready whose file is gone: the download fails inside the server.
        try (Connection c = DriverManager.getConnection(api.database.jdbcUrl(), api.database.username(), api.database.password());
                PreparedStatement s = c.prepareStatement("INSERT INTO renders (id, tenant_id, project_id, status, blob_key, "
                        + "thumbnail_key) VALUES (?, ?, ?, 'READY', 'renders/secret-missing.mp4', 'renders/secret-missing.jpg')")) {
            s.setObject(1, UUID.randomUUID());
            s.setObject(2, api.tenantA);
            s.setObject(3, projectId);
            s.executeUpdate();
        }

        HttpResponse<String> failed = tenantA.get("/v1/projects/" + projectId + "/video");

        assertThat(failed.statusCode()).as(failed.body()).isEqualTo(500);
        assertThat(failed.headers().firstValue("Content-Type")).get().asString().startsWith("application/problem+json");
        JsonNode problem = tenantA.json(failed);
        assertThat(problem.get("title").asText()).isEqualTo("Internal Server Error");
        assertThat(problem.get("detail").asText()).isEqualTo("Internal Server Error");
        assertThat(failed.body()).doesNotContain("secret-missing", "Exception", "java.");
    }

    @Test
    void healthAnswersWithoutAKey() throws Exception {
        HttpResponse<String> health = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(api.url("/health")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
        assertThat(health.body()).contains("UP");
    }

    private long jobsWithId(UUID jobId) throws Exception {
        try (Connection c = DriverManager.getConnection(api.database.jdbcUrl(), api.database.username(), api.database.password());
                PreparedStatement s = c.prepareStatement("SELECT count(*) FROM jobrunr_jobs WHERE id = ?")) {
            s.setObject(1, jobId.toString());
            try (ResultSet rows = s.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
