package app.goblina.api;

import static org.assertj.core.api.Assertions.assertThat;

import app.goblina.http.MultipartForm;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Every kind of bad input gets its status code and an {@code application/problem+json} body naming the field
 * and the reason, and writes nothing: no row, no job, no file.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputTest {

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private ApiTestContext api;
    private String characterId;

    @BeforeAll
    void start() throws Exception {
        api = new ApiTestContext();
        HttpResponse<String> created = upload(api.keyA, "Ms. Goblina", "goblina.png", "image/png", TestImages.png(64, 96));
        assertThat(created.statusCode()).isEqualTo(202);
        characterId = json.readTree(created.body()).get("id").asText();
    }

    @AfterAll
    void stop() {
        api.close();
    }

    @Test
    void aFileThatIsNotAnImageIsRefusedEvenWhenSentAsPng() throws Exception {
        byte[] text = "just some text pretending to be a picture".getBytes();
        expectRefused(() -> upload(api.keyA, "Goblina", "x.png", "image/png", text), 415, "image", "not a PNG, JPEG or WebP");
    }

    @Test
    void aTruncatedPngIsRefused() throws Exception {
        byte[] whole = TestImages.noisyPng(128, 128);
        byte[] truncated = Arrays.copyOf(whole, whole.length * 6 / 10);
        expectRefused(() -> upload(api.keyA, "Goblina", "cut.png", "image/png", truncated), 400, "image", "truncated or corrupt");
    }

    @Test
    void anOversizedUploadIsRefusedBeforeItIsDecoded() throws Exception {
        byte[] big = new byte[(int) ApiTestContext.MAX_UPLOAD_BYTES + 1];
        System.arraycopy(TestImages.png(8, 8), 0, big, 0, 8);
        expectRefused(() -> upload(api.keyA, "Goblina", "big.png", "image/png", big), 413, "image", "limit");
    }

    @Test
    void aPngClaimingFiftyThousandPixelsSquareIsRefusedFromItsHeader() throws Exception {
        byte[] bomb = TestImages.pngClaiming(50_000, 50_000);
        expectRefused(() -> upload(api.keyA, "Goblina", "bomb.png", "image/png", bomb), 400, "image", "50000x50000");
    }

    @Test
    void aTwelveMegapixelPhoneJpegIsAccepted() throws Exception {
        byte[] photo = flat(4000, 3000, "jpeg");
        assertThat(upload(api.keyA, "Goblina", "phone.jpg", "image/jpeg", photo).statusCode()).isEqualTo(202);
    }

    @Test
    void aFortyMegapixelPngIsAccepted() throws Exception {
        byte[] poster = flat(7300, 5479, "png");
        assertThat(upload(api.keyA, "Goblina", "poster.png", "image/png", poster).statusCode()).isEqualTo(202);
    }

    @Test
    void aPngDeclaringJustOverFortyMegapixelsIsRefusedFromItsHeader() throws Exception {
        byte[] over = TestImages.pngClaiming(7303, 5478);
        expectRefused(() -> upload(api.keyA, "Goblina", "over.png", "image/png", over), 400, "image",
                "7303x5478 pixels is more than the limit of 40000000");
    }

    /** A large image of flat colour bands, so it compresses to well under the test's 1 MB upload cap. */
    private static byte[] flat(int width, int height, String format) throws java.io.IOException {
        java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(width, height,
                java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = image.createGraphics();
        for (int band = 0; band < 4; band++) {
            g.setColor(new java.awt.Color(40 + band * 50, 160 - band * 30, 90));
            g.fillRect(0, band * height / 4, width, height / 4 + 1);
        }
        g.dispose();
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(image, format, out);
        return out.toByteArray();
    }

    @Test
    void anEmptyNameIsRefused() throws Exception {
        expectRefused(() -> upload(api.keyA, "   ", "g.png", "image/png", TestImages.png(32, 32)), 400, "name", "must not be empty");
    }

    @Test
    void anUploadWithTwoImagePartsIsRefused() throws Exception {
        MultipartForm form = new MultipartForm().field("name", "Goblina").file("image", "a.png", "image/png", TestImages.png(16, 16))
                .file("image", "b.png", "image/png", TestImages.png(16, 16));
        expectRefused(() -> uploadForm(form.contentType(), form.toByteArray()), 400, "image", "more than once");
    }

    @Test
    void aNameFieldOfMegabytesIsRefusedWithoutBeingReadWhole() throws Exception {
        expectRefused(() -> upload(api.keyA, "g".repeat(1_000_000), "g.png", "image/png", TestImages.png(16, 16)), 400, "name",
                "at most 100 characters");
    }

    @Test
    void aFormThatEndsBeforeItsClosingBoundaryIsRefused() throws Exception {
        MultipartForm form = new MultipartForm().field("name", "Goblina").file("image", "g.png", "image/png", TestImages.png(16, 16));
        byte[] whole = form.toByteArray();
        byte[] cut = java.util.Arrays.copyOf(whole, whole.length - 40);
        expectRefused(() -> uploadForm(form.contentType(), cut), 400, "body", "");
    }

    @Test
    void aChunkedUploadPastTheImageCapIsStoppedAtTheCap() throws Exception {
        byte[] big = new byte[(int) ApiTestContext.MAX_UPLOAD_BYTES + 1];
        MultipartForm form = new MultipartForm().field("name", "Goblina").file("image", "big.png", "image/png", big);
        // a publisher of unknown length: the client sends it chunked, with no Content-Length to refuse it by
        HttpRequest.BodyPublisher chunked = HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(form.toByteArray()));
        expectRefused(() -> send(api.keyA, HttpRequest.newBuilder(api.url("/v1/characters")).header("Content-Type", form.contentType())
                .POST(chunked).build()), 413, "image", "limit");
    }

    @Test
    void anUnknownPresetIsRefused() throws Exception {
        expectRefused(() -> createProject(api.keyA, Map.of("characterId", characterId, "topic", "coffee", "preset", "grumpy")),
                400, "preset", "unknown preset");
    }

    @Test
    void anUnknownJsonFieldIsRefused() throws Exception {
        expectRefused(() -> createProject(api.keyA, Map.of("characterId", characterId, "topic", "coffee",
                "preset", "sassy", "colour", "green")), 400, "colour", "unknown field");
    }

    @Test
    void anUnknownFieldInsideANestedObjectIsNamedWithItsPath() throws Exception {
        expectRefused(() -> createProject(api.keyA, Map.of("characterId", characterId, "topic", "coffee",
                "preset", "sassy", "video", Map.of("provider", "local", "colour", "green"))), 400, "video.colour", "unknown field");
    }

    @Test
    void anUnknownMusicTrackIsRefused() throws Exception {
        expectRefused(() -> createProject(api.keyA, Map.of("characterId", characterId, "topic", "coffee",
                "preset", "sassy", "music", "death-metal")), 400, "music", "unknown track");
    }

    @Test
    void anUnknownVideoProviderIsRefused() throws Exception {
        expectRefused(() -> createProject(api.keyA, Map.of("characterId", characterId, "topic", "coffee",
                "preset", "sassy", "video", Map.of("provider", "sora-3000"))), 400, "video.provider", "unknown provider");
    }

    @Test
    void aProjectOverTheDailyBudgetIsRefusedBeforeAnythingIsSpent() throws Exception {
        api.setDailyBudget(api.tenantB, 100);
        HttpResponse<String> created = upload(api.keyB, "Goblina", "g.png", "image/png", TestImages.png(32, 32));
        String tenantBCharacter = json.readTree(created.body()).get("id").asText();

        expectRefused(() -> createProject(api.keyB, Map.of("characterId", tenantBCharacter, "topic", "coffee",
                "preset", "sassy", "video", Map.of("provider", "sora", "model", "sora-2"))), 402, "budget",
                "daily budget of $1.00 would be exceeded");
    }

    @Test
    void aCallbackUrlThatIsNotHttpsIsRefused() throws Exception {
        expectRefused(() -> createProject(api.keyA, Map.of("characterId", characterId, "topic", "coffee", "preset", "sassy",
                "callbackUrl", "http://hooks.example.com/goblina")), 400, "callbackUrl", "must be an https URL");
        expectRefused(() -> createProject(api.keyA, Map.of("characterId", characterId, "topic", "coffee", "preset", "sassy",
                "callbackUrl", "ftp://93.184.216.34/goblina")), 400, "callbackUrl", "must be an https URL");
    }

    @Test
    void aCallbackUrlToAPrivateAddressIsRefused() throws Exception {
        expectRefused(() -> createProject(api.keyA, Map.of("characterId", characterId, "topic", "coffee", "preset", "sassy",
                "callbackUrl", "https://192.168.0.10/goblina")), 400, "callbackUrl", "is a private address");
        expectRefused(() -> createProject(api.keyA, Map.of("characterId", characterId, "topic", "coffee", "preset", "sassy",
                "callbackUrl", "https://localhost:8080/v1/projects")), 400, "callbackUrl", "resolves to a loopback address");
    }

    @Test
    void aCallbackUrlWithAUserNameAndPasswordIsRefused() throws Exception {
        expectRefused(() -> createProject(api.keyA, Map.of("characterId", characterId, "topic", "coffee", "preset", "sassy",
                "callbackUrl", "https://zapier:hunter2@93.184.216.34/goblina")), 400, "callbackUrl",
                "must not contain a user name or password");
    }

    @Test
    void aCallbackUrlOfMoreThan2048CharactersIsRefused() throws Exception {
        expectRefused(() -> createProject(api.keyA, Map.of("characterId", characterId, "topic", "coffee", "preset", "sassy",
                "callbackUrl", "https://93.184.216.34/" + "a".repeat(2048))), 400, "callbackUrl", "at most 2048 characters");
    }

    @Test
    void anEmptyTopicIsRefused() throws Exception {
        expectRefused(() -> createProject(api.keyA, Map.of("characterId", characterId, "topic", "", "preset", "sassy")),
                400, "topic", "must not be empty");
    }

    @Test
    void aTenThousandCharacterTopicIsRefused() throws Exception {
        expectRefused(() -> createProject(api.keyA, Map.of("characterId", characterId, "topic", "g".repeat(10_000),
                "preset", "sassy")), 400, "topic", "at most 500");
    }

    @Test
    void zeroScenariosAreRefused() throws Exception {
        expectRefused(() -> createProject(api.keyA, Map.of("characterId", characterId, "topic", "coffee",
                "preset", "sassy", "scenarioCount", 0)), 400, "scenarioCount", "between 1 and 8");
    }

    @Test
    void ninetyNineScenariosAreRefused() throws Exception {
        expectRefused(() -> createProject(api.keyA, Map.of("characterId", characterId, "topic", "coffee",
                "preset", "sassy", "scenarioCount", 99)), 400, "scenarioCount", "between 1 and 8");
    }

    @Test
    void aMalformedIdIsRefused() throws Exception {
        expectRefused(() -> get(api.keyA, "/v1/projects/not-a-uuid"), 400, "id", "not a valid id");
        expectRefused(() -> createProject(api.keyA, Map.of("characterId", "42", "topic", "coffee", "preset", "sassy")),
                400, "characterId", "not a valid id");
    }

    @Test
    void anotherTenantsCharacterAnswersNotFound() throws Exception {
        expectRefused(() -> get(api.keyB, "/v1/characters/" + characterId), 404, "id", "no character");
        expectRefused(() -> createProject(api.keyB, Map.of("characterId", characterId, "topic", "coffee", "preset", "sassy")),
                404, "characterId", "no character");
    }

    @Test
    void aMissingApiKeyIsRefused() throws Exception {
        expectRefused(() -> upload(null, "Goblina", "g.png", "image/png", TestImages.png(32, 32)), 401, "Authorization", "missing");
        expectRefused(() -> get(null, "/v1/projects"), 401, "Authorization", "missing");
    }

    @Test
    void aWrongApiKeyIsRefused() throws Exception {
        expectRefused(() -> upload("gob_test_not-a-real-key", "Goblina", "g.png", "image/png", TestImages.png(32, 32)),
                401, "Authorization", "not a valid API key");
        expectRefused(() -> get("gob_test_not-a-real-key", "/v1/characters/" + characterId), 401, "Authorization",
                "not a valid API key");
    }

    @Test
    void malformedJsonIsRefused() throws Exception {
        expectRefused(() -> send(api.keyA, HttpRequest.newBuilder(api.url("/v1/projects"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"topic\": ")).build()), 400, null, null);
    }

    @Test
    void aWrongJsonTypeNamesTheField() throws Exception {
        expectRefused(() -> createProject(api.keyA, Map.of("characterId", characterId, "topic", "coffee",
                "preset", "sassy", "scenarioCount", "three")), 400, "scenarioCount", "wrong type");
    }

    @Test
    void aStringOrANumberForNormalizeLoudnessNamesTheField() throws Exception {
        expectRefused(() -> createProject(api.keyA, Map.of("characterId", characterId, "topic", "coffee",
                "preset", "sassy", "normalizeLoudness", "yes")), 400, "normalizeLoudness", "wrong type");
        expectRefused(() -> createProject(api.keyA, Map.of("characterId", characterId, "topic", "coffee",
                "preset", "sassy", "normalizeLoudness", 1)), 400, "normalizeLoudness", "wrong type");
    }

    @Test
    void cancellingAnotherTenantsProjectAnswersNotFound() throws Exception {
        HttpResponse<String> created = createProject(api.keyA, Map.of("characterId", characterId, "topic", "tea", "preset", "wholesome"));
        String projectId = json.readTree(created.body()).get("id").asText();
        expectRefused(() -> send(api.keyB, HttpRequest.newBuilder(api.url("/v1/projects/" + projectId + "/cancel"))
                .POST(HttpRequest.BodyPublishers.noBody()).build()), 404, "id", "no project");
        assertThat(json.readTree(get(api.keyA, "/v1/projects/" + projectId).body()).get("status").asText()).isEqualTo("QUEUED");
    }

    private interface Call {
        HttpResponse<String> send() throws Exception;
    }

    private void expectRefused(Call call, int status, String field, String reasonFragment) throws Exception {
        Map<String, Long> before = api.writtenState();
        HttpResponse<String> response = call.send();
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("title").asText()).isNotBlank();
        if (field != null) {
            JsonNode error = problem.get("errors").get(0);
            assertThat(error.get("field").asText()).isEqualTo(field);
            assertThat(error.get("reason").asText()).contains(reasonFragment);
        }
        assertThat(api.writtenState()).as("nothing written or enqueued").isEqualTo(before);
    }

    private HttpResponse<String> upload(String key, String name, String filename, String type, byte[] bytes)
            throws IOException, InterruptedException {
        MultipartForm body = new MultipartForm().field("name", name).file("image", filename, type, bytes);
        return send(key, HttpRequest.newBuilder(api.url("/v1/characters"))
                .header("Content-Type", body.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build());
    }

    private HttpResponse<String> uploadForm(String contentType, byte[] form) throws IOException, InterruptedException {
        return send(api.keyA, HttpRequest.newBuilder(api.url("/v1/characters")).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(form)).build());
    }

    private HttpResponse<String> createProject(String key, Map<String, Object> body) throws IOException, InterruptedException {
        return send(key, HttpRequest.newBuilder(api.url("/v1/projects"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))).build());
    }

    private HttpResponse<String> get(String key, String path) throws IOException, InterruptedException {
        return send(key, HttpRequest.newBuilder(api.url(path)).GET().build());
    }

    private HttpResponse<String> send(String key, HttpRequest request) throws IOException, InterruptedException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(request, (n, v) -> true);
        if (key != null) {
            builder.header("Authorization", "Bearer " + key);
        }
        return http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }
}
