package app.goblina.api;

import static org.assertj.core.api.Assertions.assertThat;

import app.goblina.jobs.NotifyCallback;
import app.goblina.persistence.CallbackAttemptRepository;
import app.goblina.persistence.ProjectCallbackRepository;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The API's side of completion callbacks: a {@code callbackUrl} is accepted and shown with the project, a cancel
 * enqueues its callback, attempts the workers recorded are shown, and each tenant reads and rotates its own
 * signing secret. No worker runs; its writes are made the way it makes them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CompletionCallbacksApiTest {

    private ApiTestContext api;
    private ApiClient tenantA;
    private ApiClient tenantB;
    private String characterId;

    @BeforeAll
    void start() throws Exception {
        api = new ApiTestContext();
        tenantA = new ApiClient(api, api.keyA);
        tenantB = new ApiClient(api, api.keyB);
        characterId = tenantA.json(tenantA.upload("Ms. Goblina", TestImages.png(64, 64), "image/png")).get("id").asText();
    }

    @AfterAll
    void stop() {
        api.close();
    }

    @Test
    void aProjectWithAnHttpsCallbackIsAcceptedAndShowsItWaitingWithNoAttempts() {
        String url = "https://93.184.216.34/n8n/webhook/9b1f?flow=shorts";
        String projectId = create(url);

        JsonNode callback = tenantA.json(tenantA.get("/v1/projects/" + projectId)).get("callback");
        assertThat(callback.get("url").asText()).isEqualTo(url);
        assertThat(callback.get("state").asText()).isEqualTo("waiting");
        assertThat(callback.get("attempts")).isEmpty();
        assertThat(callback.get("nextAttemptAt").isNull()).isTrue();
    }

    @Test
    void aProjectWithoutACallbackShowsNone() {
        String projectId = tenantA.json(tenantA.post("/v1/projects", Map.of("characterId", characterId, "topic", "tea",
                "preset", "sassy"))).get("id").asText();

        assertThat(tenantA.json(tenantA.get("/v1/projects/" + projectId)).get("callback").isNull()).isTrue();
    }

    @Test
    void cancellingAProjectWithACallbackEnqueuesItsCallbackOnce() {
        String projectId = create("https://93.184.216.34/hooks/cancelled");

        HttpResponse<String> cancelled = tenantA.postEmpty("/v1/projects/" + projectId + "/cancel");

        assertThat(cancelled.statusCode()).as(cancelled.body()).isEqualTo(202);
        UUID jobId = new NotifyCallback(api.tenantA, UUID.fromString(projectId)).jobId();
        assertThat(jobsWithId(jobId)).isEqualTo(1);
        assertThat(tenantA.json(tenantA.get("/v1/projects/" + projectId)).get("callback").get("state").asText())
                .as("ended, first attempt due").isEqualTo("pending");
    }

    @Test
    void theAttemptsTheWorkersRecordedAreShownWithTheirStatusErrorAndNextTry() {
        String projectId = create("https://93.184.216.34/hooks/attempts");
        UUID project = UUID.fromString(projectId);
        api.finishProject(project);
        ProjectCallbackRepository callbacks = api.server.getApplicationContext().getBean(ProjectCallbackRepository.class);
        CallbackAttemptRepository attempts = api.server.getApplicationContext().getBean(CallbackAttemptRepository.class);
        Instant first = Instant.parse("2026-05-01T10:00:00Z");
        callbacks.fixEvent(project, api.tenantA, "project.done", "msg_0123456789abcdef0123456789abcdef", "{}");
        attempts.record(project, api.tenantA, 1, first, 503, "HTTP 503", first.plusSeconds(5));
        attempts.record(project, api.tenantA, 2, first.plusSeconds(5), null, "could not connect to the receiver",
                first.plusSeconds(65));
        callbacks.scheduleNext(project, api.tenantA, first.plusSeconds(65));

        JsonNode callback = tenantA.json(tenantA.get("/v1/projects/" + projectId)).get("callback");
        assertThat(callback.get("state").asText()).isEqualTo("sending");
        assertThat(callback.get("event").asText()).isEqualTo("project.done");
        assertThat(callback.get("webhookId").asText()).isEqualTo("msg_0123456789abcdef0123456789abcdef");
        assertThat(instant(callback.get("nextAttemptAt"))).isEqualTo(first.plusSeconds(65));
        JsonNode attempt1 = callback.get("attempts").get(0);
        assertThat(attempt1.get("number").asInt()).isEqualTo(1);
        assertThat(instant(attempt1.get("at"))).isEqualTo(first);
        assertThat(attempt1.get("status").asInt()).isEqualTo(503);
        assertThat(attempt1.get("error").asText()).isEqualTo("HTTP 503");
        assertThat(instant(attempt1.get("nextAttemptAt"))).isEqualTo(first.plusSeconds(5));
        JsonNode attempt2 = callback.get("attempts").get(1);
        assertThat(attempt2.get("status").isNull()).isTrue();
        assertThat(attempt2.get("error").asText()).isEqualTo("could not connect to the receiver");

        attempts.record(project, api.tenantA, 3, first.plusSeconds(65), 200, null, null);
        callbacks.markDelivered(project, api.tenantA);
        callback = tenantA.json(tenantA.get("/v1/projects/" + projectId)).get("callback");
        assertThat(callback.get("state").asText()).isEqualTo("delivered");
        assertThat(callback.get("deliveredAt").isNull()).isFalse();
        assertThat(callback.get("nextAttemptAt").isNull()).isTrue();
        assertThat(callback.get("attempts")).hasSize(3);
        assertThat(tenantB.get("/v1/projects/" + projectId).statusCode()).as("another tenant sees nothing").isEqualTo(404);
    }

    @Test
    void eachTenantReadsItsOwnSigningSecretWhichStaysTheSameUntilRotated() {
        HttpResponse<String> first = tenantA.get("/v1/callbacks/secret");
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(first.headers().firstValue("Cache-Control")).hasValue("no-store");
        String secret = tenantA.json(first).get("secret").asText();
        assertThat(secret).matches("whsec_[A-Za-z0-9+/]{43}=");
        assertThat(java.util.Base64.getDecoder().decode(secret.substring("whsec_".length()))).hasSize(32);

        assertThat(tenantA.json(tenantA.get("/v1/callbacks/secret")).get("secret").asText()).isEqualTo(secret);
        assertThat(tenantB.json(tenantB.get("/v1/callbacks/secret")).get("secret").asText()).isNotEqualTo(secret);
    }

    @Test
    void aRotatedSecretReplacesTheOldOneWhichStillSignsForADay() {
        String key = api.tenantWithKey(1_000, 10, 10);
        ApiClient tenant = new ApiClient(api, key);
        String before = tenant.json(tenant.get("/v1/callbacks/secret")).get("secret").asText();

        HttpResponse<String> rotated = tenant.postEmpty("/v1/callbacks/secret/rotate");

        assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(200);
        JsonNode body = tenant.json(rotated);
        String after = body.get("secret").asText();
        assertThat(after).startsWith("whsec_").isNotEqualTo(before);
        assertThat(instant(body.get("previousValidUntil")))
                .isBetween(Instant.now().plus(Duration.ofHours(23)), Instant.now().plus(Duration.ofHours(25)));
        assertThat(body.get("rotatedAt").isNull()).isFalse();
        assertThat(tenant.json(tenant.get("/v1/callbacks/secret")).get("secret").asText()).isEqualTo(after);
    }

    @Test
    void theSecretIsNotShownWithoutAnApiKey() throws Exception {
        HttpResponse<String> anonymous = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest
                .newBuilder(api.url("/v1/callbacks/secret")).GET().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.body()).doesNotContain("whsec_");
    }

    @Test
    void plainHttpToLoopbackIsAcceptedOnlyWhereDevelopmentModeAllowsIt() throws Exception {
        Map<String, Object> local = Map.of("characterId", characterId, "topic", "tea", "preset", "sassy",
                "callbackUrl", "http://127.0.0.1:5678/webhook/goblina");
        HttpResponse<String> refused = tenantA.post("/v1/projects", local);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        assertThat(tenantA.json(refused).get("errors").get(0).get("field").asText()).isEqualTo("callbackUrl");

        try (ApiTestContext development = new ApiTestContext(app.goblina.testkit.TestPostgres.newDatabase(),
                Map.of("goblina.callbacks.allow-http-loopback", true))) {
            ApiClient client = new ApiClient(development, development.keyA);
            String character = client.json(client.upload("Ms. Goblina", TestImages.png(32, 32), "image/png")).get("id").asText();
            HttpResponse<String> accepted = client.post("/v1/projects", Map.of("characterId", character, "topic", "tea",
                    "preset", "sassy", "callbackUrl", "http://127.0.0.1:5678/webhook/goblina"));
            assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
            HttpResponse<String> elsewhere = client.post("/v1/projects", Map.of("characterId", character, "topic", "tea",
                    "preset", "sassy", "callbackUrl", "http://93.184.216.34/webhook/goblina"));
            assertThat(client.json(elsewhere).get("errors").get(0).get("reason").asText())
                    .isEqualTo("must be an https URL (plain http goes to a loopback address only)");
        }
    }

    private String create(String callbackUrl) {
        HttpResponse<String> created = tenantA.post("/v1/projects", Map.of("characterId", characterId, "topic", "tea",
                "preset", "sassy", "callbackUrl", callbackUrl));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
        String projectId = tenantA.json(created).get("id").asText();
        assertThat(api.server.getApplicationContext().getBean(ProjectCallbackRepository.class)
                .findByProject(UUID.fromString(projectId), api.tenantA)).as("written with the project").isPresent();
        return projectId;
    }

    /** An instant as the API writes it: seconds since the epoch, with a fraction. */
    private static Instant instant(JsonNode seconds) {
        java.math.BigDecimal value = seconds.decimalValue();
        return Instant.ofEpochSecond(value.longValue(), value.remainder(java.math.BigDecimal.ONE).movePointRight(9).longValue());
    }

    private long jobsWithId(UUID jobId) {
        try (var connection = java.sql.DriverManager.getConnection(api.database.jdbcUrl(), api.database.username(),
                api.database.password());
                var statement = connection.prepareStatement("SELECT count(*) FROM jobrunr_jobs WHERE id = ?")) {
            statement.setString(1, jobId.toString());
            try (var rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
