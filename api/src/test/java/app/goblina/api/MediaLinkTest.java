package app.goblina.api;

import static org.assertj.core.api.Assertions.assertThat;

import app.goblina.persistence.ClipRepository;
import app.goblina.persistence.ScenarioRepository;
import app.goblina.storage.BlobStore;
import app.goblina.testkit.S3Server;
import app.goblina.testkit.TestPostgres;
import app.goblina.testkit.TestS3;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * {@code /video/link} and {@code /scenarios/{index}/clip/link}: where a client that cannot send the key (the web
 * page's {@code <video>}) gets a file. With S3 (the testkit's server) the link is presigned and plays without a key,
 * and the page's policy lets media come from that store; with the local store it is the API's own download path.
 */
class MediaLinkTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void onS3AReadyClipsLinkIsPresignedOnTheStoreAndThePageMayPlayMediaFromThere() throws Exception {
        S3Server s3 = TestS3.server();
        try (ApiTestContext api = new ApiTestContext(TestPostgres.newDatabase(), Map.of(
                "goblina.storage.kind", "s3",
                "goblina.storage.endpoint", s3.endpoint().toString(),
                "goblina.storage.region", s3.region(),
                "goblina.storage.bucket", TestS3.newBucket(),
                "goblina.storage.access-key", s3.accessKey(),
                "goblina.storage.secret-key", s3.secretKey(),
                "goblina.storage.path-style", true))) {
            ApiClient client = new ApiClient(api, api.keyA);
            UUID project = newProject(client);
            byte[] bytes = readyClip(api, project, scenario(api, project));

            HttpResponse<String> answer = client.get("/v1/projects/" + project + "/scenarios/0/clip/link");

            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            JsonNode link = client.json(answer);
            assertThat(link.get("direct").asBoolean()).isTrue();
            URI url = URI.create(link.get("url").asText());
            assertThat(url.getScheme() + "://" + url.getRawAuthority()).isEqualTo(origin(s3.endpoint()));
            Instant expires = Instant.ofEpochMilli(Math.round(link.get("expiresAt").asDouble() * 1000));
            assertThat(expires).isBetween(Instant.now().plus(Duration.ofMinutes(14)), Instant.now().plus(Duration.ofMinutes(16)));
            HttpResponse<byte[]> played = http.send(HttpRequest.newBuilder(url).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(played.statusCode()).as("no key, only the signature").isEqualTo(200);
            assertThat(played.body()).isEqualTo(bytes);

            String policy = http.send(HttpRequest.newBuilder(api.url("/")).GET().build(), HttpResponse.BodyHandlers.ofString())
                    .headers().firstValue("Content-Security-Policy").orElseThrow();
            assertThat(policy).contains("media-src blob: " + origin(s3.endpoint()) + ";", "connect-src 'self'");
        }
    }

    @Test
    void onTheLocalStoreALinkIsTheApisOwnDownloadPathAndNothingIsLinkedBeforeItIsReady() throws Exception {
        try (ApiTestContext api = new ApiTestContext()) {
            ApiClient client = new ApiClient(api, api.keyA);
            UUID project = newProject(client);
            String linkPath = "/v1/projects/" + project + "/scenarios/0/clip/link";
            assertThat(client.get(linkPath).statusCode()).as("no scene 0 written yet").isEqualTo(404);
            UUID scenario = scenario(api, project);
            HttpResponse<String> early = client.get(linkPath);
            assertThat(early.statusCode()).isEqualTo(409);
            assertThat(early.headers().firstValue("Content-Type")).get().asString().startsWith("application/problem+json");
            HttpResponse<String> noVideo = client.get("/v1/projects/" + project + "/video/link");
            assertThat(noVideo.statusCode()).isEqualTo(409);
            assertThat(client.json(noVideo).get("errors").get(0).get("field").asText()).isEqualTo("id");

            byte[] bytes = readyClip(api, project, scenario);
            JsonNode link = client.json(client.get(linkPath));

            assertThat(link.get("direct").asBoolean()).isFalse();
            assertThat(link.get("url").asText()).isEqualTo("/v1/projects/" + project + "/scenarios/0/clip");
            assertThat(link.get("expiresAt").isNull()).isTrue();
            HttpResponse<byte[]> served = http.send(HttpRequest.newBuilder(api.url(link.get("url").asText()))
                    .header("Authorization", "Bearer " + api.keyA).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(served.body()).isEqualTo(bytes);
            assertThat(new ApiClient(api, api.keyB).get(linkPath).statusCode()).as("another tenant's project").isEqualTo(404);
            assertThat(client.get("/v1/projects/" + project + "/scenarios/x/clip/link").statusCode()).isEqualTo(400);
            String policy = http.send(HttpRequest.newBuilder(api.url("/")).GET().build(), HttpResponse.BodyHandlers.ofString())
                    .headers().firstValue("Content-Security-Policy").orElseThrow();
            assertThat(policy).contains("media-src blob:;");
        }
    }

    /** Scene 0 of {@code project}, as the scenario writer leaves it. */
    private static UUID scenario(ApiTestContext api, UUID project) {
        UUID scenario = UUID.randomUUID();
        api.server.getApplicationContext().getBean(ScenarioRepository.class)
                .insertIfAbsent(scenario, api.tenantA, project, 0, "Latte", "pours", "foam is art", "prompt", 4);
        return scenario;
    }

    /** A clip of {@code scenario} generated, stored and marked READY, as a worker leaves it; its bytes. */
    private static byte[] readyClip(ApiTestContext api, UUID project, UUID scenario) {
        ClipRepository clips = api.server.getApplicationContext().getBean(ClipRepository.class);
        UUID clip = UUID.randomUUID();
        clips.insertIfAbsent(clip, api.tenantA, project, scenario, "local", "test");
        clips.recordSubmitIntent(clip, api.tenantA);
        clips.recordSubmitted(clip, api.tenantA, "job-" + clip);
        byte[] bytes = ("clip bytes " + clip).getBytes(StandardCharsets.UTF_8);
        String key = "clips/" + clip + ".mp4";
        api.server.getApplicationContext().getBean(BlobStore.class).put(key, bytes, "video/mp4");
        clips.markReady(clip, api.tenantA, key);
        return bytes;
    }

    private static UUID newProject(ApiClient client) {
        String characterId = client.json(client.upload("Goblina", TestImages.png(64, 64), "image/png")).get("id").asText();
        HttpResponse<String> created = client.post("/v1/projects", Map.of("characterId", characterId, "topic", "tea",
                "preset", "deadpan", "scenarioCount", 1));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
        return UUID.fromString(client.json(created).get("id").asText());
    }

    private static String origin(URI endpoint) {
        return endpoint.getScheme() + "://" + endpoint.getRawAuthority();
    }
}
