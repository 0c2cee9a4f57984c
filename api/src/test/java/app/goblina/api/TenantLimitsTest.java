package app.goblina.api;

import app.goblina.testkit.AtOnce;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.goblina.testkit.OwnRedis;
import app.goblina.testkit.TestPostgres;
import app.goblina.testkit.TestRedis;
import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * A tenant's limits, as its clients meet them: requests per minute per key (counted in a real Redis, shared by
 * two API replicas, and let through while that Redis is down), projects in flight and uploads per day (counted
 * in PostgreSQL). Each refusal is a 429 problem with the field, the reason and {@code Retry-After}.
 */
class TenantLimitsTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aKeyOverItsRequestsPerMinuteIsRefusedUntilTheNextMinuteWhileAnotherTenantGoesOn() throws Exception {
        try (ApiTestContext api = new ApiTestContext(TestPostgres.newDatabase(),
                Map.of("goblina.redis.url", TestRedis.uri().toString()))) {
            api.setLimits(api.tenantA, 5, 10, 200);
            awayFromAMinutesEnd();
            ApiClient tenantA = new ApiClient(api, api.keyA);
            ApiClient tenantB = new ApiClient(api, api.keyB);

            List<Integer> statuses = IntStream.range(0, 5).mapToObj(i -> tenantA.get("/v1/projects").statusCode()).toList();
            HttpResponse<String> sixth = tenantA.get("/v1/projects");

            assertThat(statuses).containsOnly(200);
            assertTooMany(tenantA, sixth, "Authorization", "made 5 requests this minute");
            assertThat(Long.parseLong(sixth.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 60L);
            assertThat(tenantB.get("/v1/projects").statusCode()).as("another tenant's key is counted apart").isEqualTo(200);
        }
    }

    @Test
    void withoutRedisTheOneApiCountsAKeysRequestsItself() throws Exception {
        try (ApiTestContext api = new ApiTestContext()) {
            api.setLimits(api.tenantA, 3, 10, 200);
            awayFromAMinutesEnd();
            ApiClient tenantA = new ApiClient(api, api.keyA);

            List<Integer> statuses = IntStream.range(0, 4).mapToObj(i -> tenantA.get("/v1/projects").statusCode()).toList();

            assertThat(statuses).containsExactly(200, 200, 200, 429);
        }
    }

    @Test
    void twoApiReplicasCountOneKeysRequestsTogetherThroughRedis() throws Exception {
        try (ApiTestContext api = new ApiTestContext(TestPostgres.newDatabase(),
                Map.of("goblina.redis.url", TestRedis.uri().toString()));
                EmbeddedServer replica = api.startReplica()) {
            api.setLimits(api.tenantA, 4, 10, 200);
            awayFromAMinutesEnd();
            URI first = api.url("/v1/projects");
            URI second = URI.create("http://localhost:" + replica.getPort() + "/v1/projects");

            List<Integer> statuses = List.of(get(first, api.keyA), get(second, api.keyA), get(first, api.keyA),
                    get(second, api.keyA), get(second, api.keyA), get(first, api.keyA));

            assertThat(statuses).as("four of one minute, on either replica").containsExactly(200, 200, 200, 200, 429, 429);
        }
    }

    @Test
    void whileRedisIsDownRequestsAreLetThroughAndTheLimitHoldsAgainWhenItIsBack() throws Exception {
        try (OwnRedis redis = OwnRedis.startOnFreePort();
                ApiTestContext api = new ApiTestContext(TestPostgres.newDatabase(),
                        Map.of("goblina.redis.url", redis.uri().toString(), "goblina.redis.timeout", "300ms"))) {
            api.setLimits(api.tenantA, 3, 10, 200);
            awayFromAMinutesEnd();
            ApiClient tenantA = new ApiClient(api, api.keyA);
            assertThat(IntStream.range(0, 4).mapToObj(i -> tenantA.get("/v1/projects").statusCode()).toList())
                    .containsExactly(200, 200, 200, 429);

            redis.stop();
            List<Integer> whileDown = IntStream.range(0, 10).mapToObj(i -> tenantA.get("/v1/projects").statusCode()).toList();
            assertThat(whileDown).as("fail open: a sick cache does not take the API down").containsOnly(200);

            redis.start();
            // the restarted Redis starts empty: the key gets its 3 of this minute again, then is refused
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .until(() -> tenantA.get("/v1/projects").statusCode() == 429);
        }
    }

    @Test
    void aTenantAtItsProjectsInFlightIsRefusedUntilOneEndsAndParallelSubmissionsAreCountedInTurn() throws Exception {
        try (ApiTestContext api = new ApiTestContext()) {
            api.setLimits(api.tenantA, 1_000, 2, 200);
            ApiClient tenantA = new ApiClient(api, api.keyA);
            String characterId = tenantA.json(tenantA.upload("Goblina", TestImages.png(32, 32), "image/png")).get("id").asText();
            Map<String, Object> project = Map.of("characterId", characterId, "topic", "tea", "preset", "deadpan");

            List<Integer> statuses = AtOnce.run(5, () -> tenantA.post("/v1/projects", project).statusCode());
            assertThat(statuses).containsExactlyInAnyOrder(202, 202, 429, 429, 429);
            Map<String, Long> before = api.writtenState();
            HttpResponse<String> third = tenantA.post("/v1/projects", project);
            assertTooMany(tenantA, third, "projects", "2 of this tenant's projects are unfinished");
            assertThat(third.headers().firstValue("Retry-After")).hasValue("60");
            assertThat(api.writtenState()).as("a refused project writes and enqueues nothing").isEqualTo(before);

            JsonNode listed = tenantA.json(tenantA.get("/v1/projects"));
            api.finishProject(UUID.fromString(listed.get("items").get(0).get("id").asText()));
            assertThat(tenantA.post("/v1/projects", project).statusCode()).as("a slot freed by a project that ended")
                    .isEqualTo(202);
            assertThat(new ApiClient(api, api.keyB).get("/v1/projects").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void uploadsStopAtTheTenantsDailyLimitAndARefusedUploadStoresNothing() throws Exception {
        try (ApiTestContext api = new ApiTestContext()) {
            api.setLimits(api.tenantA, 1_000, 10, 3);
            ApiClient tenantA = new ApiClient(api, api.keyA);
            byte[] image = TestImages.png(32, 32);

            List<Integer> statuses = AtOnce.run(5, () -> tenantA.upload("Goblina", image, "image/png").statusCode());
            assertThat(statuses).as("parallel uploads are counted in turn").containsExactlyInAnyOrder(202, 202, 202, 429, 429);
            Map<String, Long> before = api.writtenState();
            HttpResponse<String> fourth = tenantA.upload("Goblina", image, "image/png");

            assertTooMany(tenantA, fourth, "image", "uploaded 3 characters today (UTC)");
            long retryAfter = Long.parseLong(fourth.headers().firstValue("Retry-After").orElseThrow());
            assertThat(retryAfter).as("until midnight UTC").isBetween(1L, 86_400L);
            assertThat(api.writtenState()).as("no row, no job and no blob").isEqualTo(before);
            assertThat(new ApiClient(api, api.keyB).upload("Goblina", image, "image/png").statusCode())
                    .as("another tenant's uploads are its own").isEqualTo(202);
        }
    }

    private static void assertTooMany(ApiClient client, HttpResponse<String> response, String field, String reason) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(429);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = client.json(response);
        assertThat(problem.get("status").asInt()).isEqualTo(429);
        assertThat(problem.get("errors").get(0).get("field").asText()).isEqualTo(field);
        assertThat(problem.get("errors").get(0).get("reason").asText()).contains(reason);
        assertThat(response.headers().firstValue("Retry-After")).isPresent();
    }

    private int get(URI uri, String key) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + key).GET().build(),
                HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    /** Counts are per UTC minute: a test that counts to a limit starts early enough in one to finish in it. */
    private static void awayFromAMinutesEnd() throws InterruptedException {
        long intoMinute = System.currentTimeMillis() % 60_000;
        if (intoMinute > 50_000) {
            Thread.sleep(60_000 - intoMinute + 100);
        }
    }
}
