package app.goblina.launcher.client;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The few calls of Goblina's REST API that the demo makes, with {@code Authorization: Bearer <key>}. */
public final class GoblinaClient {

    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration DOWNLOAD_TIMEOUT = Duration.ofMinutes(5);
    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

    private final URI baseUrl;
    private final String apiKey;
    private final HttpClient http;
    private final ObjectMapper json;

    GoblinaClient(URI baseUrl, String apiKey, HttpClient http) {
        this.baseUrl = baseUrl;
        this.apiKey = apiKey;
        this.http = http;
        this.json = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    }

    /**
     * A client whose HTTP client never follows redirects by itself: the video may redirect to a presigned
     * storage URL, and the JDK would resend our Authorization header there, which storage services reject.
     */
    public static GoblinaClient create(URI baseUrl, String apiKey) {
        HttpClient http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        return new GoblinaClient(baseUrl, apiKey, http);
    }

    /** Whether {@code GET /health} answers 200 right now; needs no key. */
    public boolean isHealthy() {
        HttpRequest request = HttpRequest.newBuilder(baseUrl.resolve("/health")).timeout(PROBE_TIMEOUT).GET().build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** {@code POST /v1/characters}: uploads the image; the answer has the id and status ANALYZING. */
    public CharacterView createCharacter(String name, Path image) throws IOException, InterruptedException {
        MultipartBody body = new MultipartBody()
                .text("name", name)
                .file("image", image.getFileName().toString(), imageType(image), Files.readAllBytes(image));
        HttpRequest request = authorized("/v1/characters")
                .header("Content-Type", body.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                .build();
        return json.readValue(send(request), CharacterView.class);
    }

    /** {@code GET /v1/characters/{id}}. */
    public CharacterView character(String id) throws IOException, InterruptedException {
        return json.readValue(send(authorized("/v1/characters/" + encode(id)).GET().build()), CharacterView.class);
    }

    /** {@code POST /v1/projects}: the answer has the id and status QUEUED. */
    public ProjectView createProject(String characterId, String topic, String preset, int scenarioCount)
            throws IOException, InterruptedException {
        return createProject(characterId, topic, preset, scenarioCount, Map.of());
    }

    /**
     * {@code POST /v1/projects} with more of the request's fields ({@code format}, {@code captions},
     * {@code video}, ...), each written as JSON as it is given.
     */
    public ProjectView createProject(String characterId, String topic, String preset, int scenarioCount,
            Map<String, ?> moreFields) throws IOException, InterruptedException {
        ObjectNode body = json.createObjectNode()
                .put("characterId", characterId)
                .put("topic", topic)
                .put("preset", preset)
                .put("scenarioCount", scenarioCount);
        moreFields.forEach((field, value) -> body.set(field, json.valueToTree(value)));
        HttpRequest request = authorized("/v1/projects")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
                .build();
        return json.readValue(send(request), ProjectView.class);
    }

    /** {@code GET /v1/projects/{id}}. */
    public ProjectView project(String id) throws IOException, InterruptedException {
        return json.readValue(send(authorized("/v1/projects/" + encode(id)).GET().build()), ProjectView.class);
    }

    /**
     * {@code GET /v1/projects/{id}/video} into {@code target}, following one redirect (to a presigned URL, fetched
     * without our key). Writes a temporary file first, so {@code target} is never a half-written video.
     *
     * @return the number of bytes written
     */
    public long downloadVideo(String projectId, Path target) throws IOException, InterruptedException {
        String path = "/v1/projects/" + encode(projectId) + "/video";
        HttpRequest request = authorized(path).timeout(DOWNLOAD_TIMEOUT).GET().build();
        HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        if (REDIRECTS.contains(response.statusCode())) {
            response.body().close();
            String location = response.headers().firstValue("Location")
                    .orElseThrow(() -> new IOException("GET " + path + " redirected without a Location header"));
            URI next = request.uri().resolve(location);
            response = http.send(HttpRequest.newBuilder(next).timeout(DOWNLOAD_TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
        }
        if (response.statusCode() != 200) {
            String body;
            try (InputStream in = response.body()) {
                body = new String(in.readNBytes(4096), StandardCharsets.UTF_8);
            }
            throw ApiException.from("GET " + response.uri(), response.statusCode(), body, json);
        }
        Path absolute = target.toAbsolutePath();
        Files.createDirectories(absolute.getParent());
        Path partial = absolute.resolveSibling(absolute.getFileName() + ".part");
        try (InputStream in = response.body()) {
            Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
            Files.move(partial, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(partial);
        }
        return Files.size(absolute);
    }

    private HttpRequest.Builder authorized(String path) {
        return HttpRequest.newBuilder(baseUrl.resolve(path))
                .timeout(CALL_TIMEOUT)
                .header("Authorization", "Bearer " + apiKey);
    }

    private String send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw ApiException.from(request.method() + " " + request.uri().getPath(), response.statusCode(),
                    response.body(), json);
        }
        return response.body();
    }

    /** The part's Content-Type, from the file name; the API accepts PNG, JPEG and WebP. */
    static String imageType(Path image) {
        String name = image.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".jpg") || name.endsWith(".jpeg")) {
            return "image/jpeg";
        }
        if (name.endsWith(".webp")) {
            return "image/webp";
        }
        return "image/png";
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
