package app.goblina.launcher.faults;

import app.goblina.http.MultipartForm;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** The REST calls a user makes, against the run's API. Every call is bounded; a refusal throws with the body. */
final class RestClient {

    /** The API answered something else than expected (or nothing). */
    static final class CallFailed extends RuntimeException {
        CallFailed(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final URI base;
    private final String key;

    RestClient(URI base, String key) {
        this.base = base;
        this.key = key;
    }

    String uploadCharacter(String name, byte[] png) {
        MultipartForm form = new MultipartForm().field("name", name).file("image", "character.png", "image/png", png);
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve("/v1/characters"))
                .header("Content-Type", form.contentType()).POST(HttpRequest.BodyPublishers.ofByteArray(form.toByteArray()));
        return send(request, 202).get("id").asText();
    }

    String createProject(Map<String, Object> body) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve("/v1/projects"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            return send(request, 202).get("id").asText();
        } catch (IOException e) {
            throw new CallFailed("could not write " + body, e);
        }
    }

    JsonNode project(String id) {
        return send(HttpRequest.newBuilder(base.resolve("/v1/projects/" + id)).GET(), 200);
    }

    JsonNode character(String id) {
        return send(HttpRequest.newBuilder(base.resolve("/v1/characters/" + id)).GET(), 200);
    }

    private JsonNode send(HttpRequest.Builder request, int expected) {
        HttpRequest built = request.header("Authorization", "Bearer " + key).timeout(Duration.ofSeconds(15)).build();
        try {
            HttpResponse<String> response = http.send(built, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expected) {
                throw new CallFailed(built.method() + " " + built.uri().getPath() + " answered " + response.statusCode()
                        + ": " + abbreviate(response.body()), null);
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new CallFailed(built.method() + " " + built.uri().getPath() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CallFailed("interrupted", e);
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 400 ? text : text.substring(0, 400) + "…";
    }
}
