package app.goblina.worker.providers.fakes;

import static org.assertj.core.api.Assertions.assertThat;

import app.goblina.testkit.fakes.veo.FakeVeoServer;
import app.goblina.worker.providers.VideoContractMedia;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Veo fake answers as the Gemini API's video calls do: what its checks refuse, and with which status and
 * canonical code, is what an adapter tested against it meets in production.
 */
class FakeVeoHonoursTheContractTest {

    private static final String KEY = "fake-veo-contract-key";
    private static final String CREATE = "/models/veo-3.1-fast-generate-preview:predictLongRunning";

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private FakeVeoServer server;

    @BeforeEach
    void start() {
        server = FakeVeoServer.builder(KEY, VideoContractMedia.video()).start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void noKeyIsPermissionDeniedAndAWrongKeyIsInvalidArgumentWithItsReason() throws Exception {
        HttpResponse<String> none = http.send(HttpRequest.newBuilder(url(CREATE)).POST(HttpRequest.BodyPublishers.ofString(
                body("{}", ""))).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> wrong = post(CREATE, body("{}", ""), "not-the-key");

        assertThat(none.statusCode()).isEqualTo(403);
        assertThat(error(none).path("status").asText()).isEqualTo("PERMISSION_DENIED");
        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(error(wrong).path("details").get(0).path("reason").asText()).isEqualTo("API_KEY_INVALID");
        assertThat(server.creates()).isZero();
    }

    @Test
    void theChecksOfAVeoThreePointOneBodyRefuseWhatTheApiRefuses() throws Exception {
        assertRefused(body("{\"durationSeconds\":5}", ""), "durationSeconds");
        assertRefused(body("{\"aspectRatio\":\"1:1\"}", ""), "aspectRatio");
        assertRefused(body("{\"resolution\":\"1080p\",\"durationSeconds\":4}", ""), "must be 8");
        assertRefused(body("{\"durationSeconds\":6}", ",\"referenceImages\":[" + reference() + "]"), "must be 8");
        assertRefused(body("{}", ",\"referenceImages\":[" + reference() + "," + reference() + "," + reference() + ","
                + reference() + "]"), "1 to 3");
        assertRefused(body("{\"fps\":24}", ""), "Unknown name \"fps\"");
        assertRefused(body("{}", ",\"image\":{\"bytesBase64Encoded\":\"bm90IGFuIGltYWdl\",\"mimeType\":\"image/png\"}"),
                "Unable to process input image");
        assertThat(server.creates()).isZero();

        HttpResponse<String> unknownModel = post("/models/veo-9:predictLongRunning", body("{}", ""), KEY);
        assertThat(unknownModel.statusCode()).isEqualTo(404);
        assertThat(error(unknownModel).path("status").asText()).isEqualTo("NOT_FOUND");
    }

    @Test
    void anOperationHasNoDoneUntilItsRenderEndsThenItsFileRedirectsToASignedLinkForTwoDays() throws Exception {
        HttpResponse<String> created = post(CREATE, body("{\"aspectRatio\":\"9:16\",\"durationSeconds\":8}",
                ",\"image\":{\"bytesBase64Encoded\":\"" + png() + "\",\"mimeType\":\"image/png\"}"), KEY);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        String name = json.readTree(created.body()).path("name").asText();
        assertThat(name).matches("models/veo-3.1-fast-generate-preview/operations/[a-z0-9]+");

        assertThat(json.readTree(get("/" + name).body()).has("done")).isFalse();
        server.advance(Duration.ofMinutes(2));
        JsonNode done = json.readTree(get("/" + name).body());
        assertThat(done.path("done").asBoolean()).isTrue();
        String uri = done.path("response").path("generateVideoResponse").path("generatedSamples").get(0).path("video")
                .path("uri").asText();
        HttpResponse<String> download = http.send(HttpRequest.newBuilder(URI.create(uri)).header("x-goog-api-key", KEY)
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(download.statusCode()).isEqualTo(302);
        assertThat(download.headers().firstValue("Location")).hasValueSatisfying(link -> assertThat(link).contains(server.downloadHost()));

        server.advance(Duration.ofDays(2));
        HttpResponse<String> expired = http.send(HttpRequest.newBuilder(URI.create(uri)).header("x-goog-api-key", KEY)
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(expired.statusCode()).isEqualTo(404);
        assertThat(server.lastCreate()).hasValueSatisfying(create -> {
            assertThat(create.imageKind()).isEqualTo("start");
            assertThat(create.aspectRatio()).isEqualTo("9:16");
        });
    }

    @Test
    void aFilteredPromptEndsDoneWithTheFiltersReasonAndNoSample() throws Exception {
        server.refusePromptsContaining("forbidden");
        String name = json.readTree(post(CREATE, "{\"instances\":[{\"prompt\":\"a forbidden dance\"}]}", KEY).body())
                .path("name").asText();
        server.advance(Duration.ofMinutes(2));
        JsonNode response = json.readTree(get("/" + name).body()).path("response").path("generateVideoResponse");
        assertThat(response.has("generatedSamples")).isFalse();
        assertThat(response.path("raiMediaFilteredReasons").get(0).asText()).isEqualTo(FakeVeoServer.filteredReason());
    }

    private void assertRefused(String body, String message) throws Exception {
        HttpResponse<String> refused = post(CREATE, body, KEY);
        assertThat(refused.statusCode()).as(body).isEqualTo(400);
        assertThat(error(refused).path("status").asText()).isEqualTo("INVALID_ARGUMENT");
        assertThat(error(refused).path("message").asText()).as(body).contains(message);
    }

    private static String body(String parameters, String instanceExtra) {
        return "{\"instances\":[{\"prompt\":\"Ms. Goblina waves\"" + instanceExtra + "}],\"parameters\":" + parameters + "}";
    }

    private static String png() {
        return Base64.getEncoder().encodeToString(VideoContractMedia.characterPng());
    }

    private static String reference() {
        return "{\"image\":{\"bytesBase64Encoded\":\"" + png() + "\",\"mimeType\":\"image/png\"},\"referenceType\":\"asset\"}";
    }

    private JsonNode error(HttpResponse<String> response) throws Exception {
        return json.readTree(response.body()).path("error");
    }

    private HttpResponse<String> post(String path, String body, String key) throws Exception {
        return http.send(HttpRequest.newBuilder(url(path)).header("x-goog-api-key", key)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(url(path)).header("x-goog-api-key", KEY).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private URI url(String path) {
        return URI.create(server.baseUrl() + path);
    }
}
