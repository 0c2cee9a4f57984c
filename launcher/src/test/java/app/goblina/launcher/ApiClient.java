package app.goblina.launcher;

import app.goblina.http.MultipartForm;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/** What a test does over REST as a creator would: upload a character, start a project, wait, download the short. */
final class ApiClient {

    private static final Set<String> FINAL = Set.of("DONE", "FAILED", "CANCELLED");

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();
    private final ObjectMapper json = new ObjectMapper();
    private final URI apiUrl;
    private final String key;

    ApiClient(URI apiUrl, String key) {
        this.apiUrl = apiUrl;
        this.key = key;
    }

    URI url(String path) {
        return URI.create(apiUrl.toString().replaceAll("/$", "") + path);
    }

    HttpRequest.Builder authorized(HttpRequest.Builder request) {
        return request.header("Authorization", "Bearer " + key);
    }

    JsonNode get(String path) throws Exception {
        return send(HttpRequest.newBuilder(url(path)).GET(), 200);
    }

    JsonNode send(HttpRequest.Builder request, int expectedStatus) throws Exception {
        HttpResponse<String> response = http.send(authorized(request).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(expectedStatus);
        return json.readTree(response.body());
    }

    /** The raw answer, for tests that check a refusal. */
    HttpResponse<String> exchange(HttpRequest.Builder request) throws Exception {
        return http.send(authorized(request).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Starts a project from a JSON body and returns its id. */
    String startProject(Map<String, Object> body) throws Exception {
        return send(HttpRequest.newBuilder(url("/v1/projects")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))), 202).get("id").asText();
    }

    /** Uploads the image as a character and waits until its analysis has ended; returns its id. */
    String readyCharacter(String name, Path image) throws Exception {
        String characterId = send(multipart(name, Files.readAllBytes(image)), 202).get("id").asText();
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
                .until(() -> get("/v1/characters/" + characterId).get("status").asText(), s -> !s.equals("ANALYZING"));
        return characterId;
    }

    /** Waits until the project has ended, however it ended, and returns its last representation. */
    JsonNode finished(String projectId, Duration atMost) {
        AtomicReference<JsonNode> last = new AtomicReference<>();
        await().atMost(atMost).pollInterval(Duration.ofMillis(500)).until(() -> {
            last.set(get("/v1/projects/" + projectId));
            return FINAL.contains(last.get().get("status").asText());
        });
        return last.get();
    }

    /** Downloads the project's short into a temporary file, which the caller deletes. */
    Path downloadShort(String projectId) throws Exception {
        Path video = Files.createTempFile("short-", ".mp4");
        HttpResponse<Path> download = http.send(authorized(HttpRequest.newBuilder(url("/v1/projects/" + projectId + "/video")))
                .GET().build(), HttpResponse.BodyHandlers.ofFile(video));
        assertThat(download.statusCode()).isEqualTo(200);
        return video;
    }

    String scrape(URI uri) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET %s", uri).isEqualTo(200);
        return response.body();
    }

    HttpRequest.Builder multipart(String name, byte[] png) {
        MultipartForm form = new MultipartForm().field("name", name).file("image", "ms-goblina.png", "image/png", png);
        return HttpRequest.newBuilder(url("/v1/characters")).header("Content-Type", form.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(form.toByteArray()));
    }
}
