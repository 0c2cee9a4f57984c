package app.goblina.api;

import app.goblina.http.MultipartForm;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** A thin REST client for tests: one tenant's key, JSON in and out. */
final class ApiClient {

    /** A test that hangs fails instead, with the request named. */
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final ApiTestContext api;
    private final String key;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    private final Map<String, String> headers;

    ApiClient(ApiTestContext api, String key) {
        this(api, key, Map.of());
    }

    /** A client that also sends {@code headers} with every request. */
    ApiClient(ApiTestContext api, String key, Map<String, String> headers) {
        this.api = api;
        this.key = key;
        this.headers = Map.copyOf(headers);
    }

    HttpResponse<String> patch(String path, Map<String, Object> body) {
        try {
            return send(HttpRequest.newBuilder(api.url(path)).header("Content-Type", "application/json")
                    .method("PATCH", HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    HttpResponse<String> delete(String path) {
        return send(HttpRequest.newBuilder(api.url(path)).DELETE());
    }

    HttpResponse<String> upload(String name, byte[] image, String type) {
        MultipartForm body = new MultipartForm().field("name", name).file("image", "character", type, image);
        return send(HttpRequest.newBuilder(api.url("/v1/characters")).header("Content-Type", body.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    }

    HttpResponse<String> post(String path, Map<String, Object> body) {
        try {
            return send(HttpRequest.newBuilder(api.url(path)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    HttpResponse<String> postEmpty(String path) {
        return send(HttpRequest.newBuilder(api.url(path)).POST(HttpRequest.BodyPublishers.noBody()));
    }

    HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(api.url(path)).GET());
    }

    JsonNode json(HttpResponse<String> response) {
        try {
            return json.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            headers.forEach(request::header);
            return http.send(request.header("Authorization", "Bearer " + key).timeout(TIMEOUT).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
