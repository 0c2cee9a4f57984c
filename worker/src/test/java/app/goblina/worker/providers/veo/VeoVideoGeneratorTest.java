package app.goblina.worker.providers.veo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import app.goblina.clips.ClipJob;
import app.goblina.clips.ClipRequest;
import app.goblina.clips.EarlierSubmission;
import app.goblina.failures.PermanentFailure;
import app.goblina.failures.RateLimited;
import app.goblina.failures.TransientFailure;
import app.goblina.worker.providers.http.JsonApi;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Veo adapter's wire format and failure mapping against a scripted server of the Gemini API's video calls. */
class VeoVideoGeneratorTest {

    private static final String KEY = "test-veo-key";
    private static final String OPERATION = "models/veo-3.1-lite-generate-preview/operations/op123";
    private static final byte[] PNG = Base64.getDecoder().decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==");

    private HttpServer server;
    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private final List<String> keys = new CopyOnWriteArrayList<>();
    private final List<String> paths = new CopyOnWriteArrayList<>();
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();

    @TempDir
    Path dir;

    record Answer(int status, String body, Map<String, String> headers) {
        Answer(int status, String body) {
            this(status, body, Map.of());
        }
    }

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        keys.add(String.valueOf(exchange.getRequestHeaders().getFirst("x-goog-api-key")));
        paths.add(exchange.getRequestMethod() + " " + path);
        bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        Answer answer = answers.getOrDefault(exchange.getRequestMethod() + " " + path, new Answer(404, "{}"));
        answer.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }

    private String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1beta";
    }

    private VeoVideoGenerator generator(VeoConfig.ImageMode mode, Boolean audio) {
        VeoConfig config = new VeoConfig(KEY, URI.create(base()), "veo-3.1-lite-generate-preview", List.of(4, 6, 8),
                "720p", mode, audio, "blurry", null, List.of(), Duration.ofSeconds(10), Duration.ofSeconds(2),
                Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(5), 1 << 20, 1 << 24);
        return new VeoVideoGenerator(config, Clock.systemUTC());
    }

    private static ClipRequest request(int seconds, int width, int height) {
        return new ClipRequest("clip-1", "a goblin waves", "hello", PNG, "image/png", List.of("#112233"), seconds,
                width, height);
    }

    private void created() {
        answers.put("POST /v1beta/models/veo-3.1-lite-generate-preview:predictLongRunning",
                new Answer(200, "{\"name\":\"" + OPERATION + "\"}"));
    }

    @Test
    void submitSendsTheStartImagePortraitFrameRoundedLengthAndAudioFlag() throws Exception {
        created();
        ClipJob job = generator(VeoConfig.ImageMode.START_IMAGE, false).submit(request(5, 720, 1280));

        assertThat(job.providerJobId()).isEqualTo(OPERATION);
        assertThat(job.state()).isEqualTo(ClipJob.State.RUNNING);
        assertThat(keys).containsExactly(KEY);
        JsonNode body = JsonApi.JSON.readTree(bodies.get(0));
        JsonNode instance = body.path("instances").get(0);
        assertThat(instance.path("prompt").asText()).isEqualTo("a goblin waves");
        assertThat(instance.path("image").path("mimeType").asText()).isEqualTo("image/png");
        assertThat(Base64.getDecoder().decode(instance.path("image").path("bytesBase64Encoded").asText())).isNotEmpty();
        assertThat(instance.has("referenceImages")).isFalse();
        JsonNode parameters = body.path("parameters");
        assertThat(parameters.path("aspectRatio").asText()).isEqualTo("9:16");
        assertThat(parameters.path("durationSeconds").asInt()).isEqualTo(6);
        assertThat(parameters.path("resolution").asText()).isEqualTo("720p");
        assertThat(parameters.path("generateAudio").asBoolean(true)).isFalse();
        assertThat(parameters.path("negativePrompt").asText()).isEqualTo("blurry");
    }

    @Test
    void referenceModeSendsTheCharacterAsAnAssetAndLandscapeAsSixteenByNine() throws Exception {
        created();
        generator(VeoConfig.ImageMode.REFERENCE_IMAGES, null).submit(request(12, 1280, 720));

        JsonNode body = JsonApi.JSON.readTree(bodies.get(0));
        JsonNode instance = body.path("instances").get(0);
        assertThat(instance.has("image")).isFalse();
        JsonNode reference = instance.path("referenceImages").get(0);
        assertThat(reference.path("referenceType").asText()).isEqualTo("asset");
        assertThat(Base64.getDecoder().decode(reference.path("image").path("bytesBase64Encoded").asText()))
                .isEqualTo(PNG);
        assertThat(body.path("parameters").path("aspectRatio").asText()).isEqualTo("16:9");
        assertThat(body.path("parameters").path("durationSeconds").asInt()).isEqualTo(8);
        assertThat(body.path("parameters").has("generateAudio")).isFalse();
    }

    @Test
    void lengthsRoundToTheNearestAllowedTiesGoingLonger() {
        assertThat(VeoVideoGenerator.seconds(1, List.of(4, 6, 8))).isEqualTo(4);
        assertThat(VeoVideoGenerator.seconds(5, List.of(4, 6, 8))).isEqualTo(6);
        assertThat(VeoVideoGenerator.seconds(7, List.of(4, 6, 8))).isEqualTo(8);
        assertThat(VeoVideoGenerator.seconds(30, List.of(4, 6, 8))).isEqualTo(8);
    }

    @Test
    void anOperationGoesFromRunningToSucceededAndItsFileIsDownloaded() throws Exception {
        VeoVideoGenerator veo = generator(VeoConfig.ImageMode.START_IMAGE, true);
        answers.put("GET /v1beta/" + OPERATION, new Answer(200, "{\"name\":\"" + OPERATION + "\",\"done\":false}"));
        assertThat(veo.status(OPERATION).state()).isEqualTo(ClipJob.State.RUNNING);
        assertThat(veo.status(OPERATION).pollAfter()).isEqualTo(Duration.ofSeconds(10));

        String uri = base() + "/files/abc:download?alt=media";
        answers.put("GET /v1beta/" + OPERATION, new Answer(200, "{\"name\":\"" + OPERATION + "\",\"done\":true,"
                + "\"response\":{\"generateVideoResponse\":{\"generatedSamples\":[{\"video\":{\"uri\":\"" + uri
                + "\"}}]}}}"));
        answers.put("GET /v1beta/files/abc:download", new Answer(200, "MP4BYTES"));
        assertThat(veo.status(OPERATION).state()).isEqualTo(ClipJob.State.SUCCEEDED);

        Path target = dir.resolve("clip.mp4");
        veo.download(OPERATION, target);
        assertThat(Files.readString(target)).isEqualTo("MP4BYTES");
        assertThat(keys).allMatch(KEY::equals);
    }

    @Test
    void aSucceededStatusIsDownloadedFromItsVideoLinkWithoutAskingForTheOperationAgain() throws Exception {
        VeoVideoGenerator veo = generator(VeoConfig.ImageMode.START_IMAGE, true);
        String uri = base() + "/files/abc:download?alt=media";
        answers.put("GET /v1beta/" + OPERATION, new Answer(200, "{\"name\":\"" + OPERATION + "\",\"done\":true,"
                + "\"response\":{\"generateVideoResponse\":{\"generatedSamples\":[{\"video\":{\"uri\":\"" + uri
                + "\"}}]}}}"));
        answers.put("GET /v1beta/files/abc:download", new Answer(200, "MP4BYTES"));
        ClipJob finished = veo.status(OPERATION);

        Path target = dir.resolve("clip.mp4");
        veo.download(finished, target);

        assertThat(Files.readString(target)).isEqualTo("MP4BYTES");
        assertThat(paths).containsExactly("GET /v1beta/" + OPERATION, "GET /v1beta/files/abc:download");
    }

    @Test
    void anExpiredFileIsAPermanentFailure() {
        VeoVideoGenerator veo = generator(VeoConfig.ImageMode.START_IMAGE, true);
        String uri = base() + "/files/gone:download?alt=media";
        answers.put("GET /v1beta/" + OPERATION, new Answer(200, "{\"name\":\"" + OPERATION + "\",\"done\":true,"
                + "\"response\":{\"generateVideoResponse\":{\"generatedSamples\":[{\"video\":{\"uri\":\"" + uri
                + "\"}}]}}}"));
        PermanentFailure failure = catchThrowableOfType(PermanentFailure.class,
                () -> veo.download(OPERATION, dir.resolve("x.mp4")));
        assertThat(failure.reason()).contains("expired");
    }

    @Test
    void filteredSamplesFailWithTheFilterReason() {
        answers.put("GET /v1beta/" + OPERATION, new Answer(200, "{\"name\":\"" + OPERATION + "\",\"done\":true,"
                + "\"response\":{\"generateVideoResponse\":{\"raiMediaFilteredCount\":1,"
                + "\"raiMediaFilteredReasons\":[\"The video could not be generated: it may depict a child.\"]}}}"));
        ClipJob job = generator(VeoConfig.ImageMode.START_IMAGE, true).status(OPERATION);
        assertThat(job.state()).isEqualTo(ClipJob.State.FAILED);
        assertThat(job.failureReason()).contains("safety").contains("may depict a child");
    }

    @Test
    void resourceExhaustedIsRateLimitedHonouringRetryAfterElseADefault() {
        created();
        String exhausted = "{\"error\":{\"code\":429,\"message\":\"Quota exceeded\",\"status\":\"RESOURCE_EXHAUSTED\"}}";
        answers.put("POST /v1beta/models/veo-3.1-lite-generate-preview:predictLongRunning",
                new Answer(429, exhausted, Map.of("Retry-After", "7")));
        VeoVideoGenerator veo = generator(VeoConfig.ImageMode.START_IMAGE, true);
        RateLimited withHeader = catchThrowableOfType(RateLimited.class, () -> veo.submit(request(8, 720, 1280)));
        assertThat(withHeader.retryAfter()).contains(Duration.ofSeconds(7));
        assertThat(withHeader.getMessage()).contains("RESOURCE_EXHAUSTED");

        answers.put("POST /v1beta/models/veo-3.1-lite-generate-preview:predictLongRunning", new Answer(429, exhausted));
        RateLimited without = catchThrowableOfType(RateLimited.class, () -> veo.submit(request(8, 720, 1280)));
        assertThat(without.retryAfter()).contains(VeoVideoGenerator.DEFAULT_RATE_LIMIT_WAIT);
    }

    @Test
    void invalidArgumentAndFailedPreconditionArePermanentAndFiveHundredsTransient() {
        VeoVideoGenerator veo = generator(VeoConfig.ImageMode.START_IMAGE, true);
        String path = "POST /v1beta/models/veo-3.1-lite-generate-preview:predictLongRunning";
        List<Class<? extends RuntimeException>> seen = new ArrayList<>();
        answers.put(path, new Answer(400,
                "{\"error\":{\"code\":400,\"message\":\"durationSeconds out of bound\",\"status\":\"INVALID_ARGUMENT\"}}"));
        PermanentFailure invalid = catchThrowableOfType(PermanentFailure.class, () -> veo.submit(request(8, 720, 1280)));
        assertThat(invalid.reason()).contains("INVALID_ARGUMENT").contains("durationSeconds").doesNotContain(KEY);

        answers.put(path, new Answer(400,
                "{\"error\":{\"code\":400,\"message\":\"Billing required\",\"status\":\"FAILED_PRECONDITION\"}}"));
        seen.add(catchThrowableOfType(PermanentFailure.class, () -> veo.submit(request(8, 720, 1280))).getClass());

        answers.put(path, new Answer(503, "{\"error\":{\"code\":503,\"message\":\"busy\",\"status\":\"UNAVAILABLE\"}}"));
        TransientFailure unavailable = catchThrowableOfType(TransientFailure.class,
                () -> veo.submit(request(8, 720, 1280)));
        assertThat(unavailable).isNotInstanceOf(RateLimited.class);
        assertThat(seen).containsExactly(PermanentFailure.class);
    }

    @Test
    void findEarlierIsUnsupportedSoARetryNeverPaysTwice() {
        EarlierSubmission earlier = generator(VeoConfig.ImageMode.START_IMAGE, true)
                .findEarlier(request(8, 720, 1280), Instant.now());
        assertThat(earlier.outcome()).isEqualTo(EarlierSubmission.Outcome.UNSUPPORTED);
        assertThat(bodies).isEmpty();
    }

    @Test
    void anOperationNameFromOutsideTheAlphabetIsRefused() {
        assertThat(catchThrowableOfType(PermanentFailure.class,
                () -> generator(VeoConfig.ImageMode.START_IMAGE, true).status("../../evil"))).isNotNull();
    }
}
