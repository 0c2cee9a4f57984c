package app.goblina.testkit.fakes.replicate;

import static org.assertj.core.api.Assertions.assertThat;

import app.goblina.testkit.fakes.FakeJson;
import app.goblina.testkit.fakes.video.LoopbackServer;
import app.goblina.testkit.fakes.video.Received;
import app.goblina.testkit.fakes.video.Reply;
import app.goblina.testkit.fakes.video.StandardWebhooks;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Replicate fake validates like Replicate and keeps the lifecycle, cancel and webhook promises it documents. */
class FakeReplicateServerTest {

    private static final String TOKEN = "r8_fake";
    private static final String KLING = "/v1/models/kwaivgi/kling-v2.5-turbo-pro/predictions";

    @TempDir
    Path dir;
    private FakeReplicateServer server;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws IOException {
        server = FakeReplicateServer.builder(TOKEN, Files.write(dir.resolve("v.mp4"), new byte[] {0, 0, 0, 8})).start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void preferWaitOutsideOneToSixtySecondsIsRefused() throws Exception {
        String body = "{\"input\":{\"prompt\":\"p\"}}";

        assertThat(post(KLING, body, "wait=0").statusCode()).isEqualTo(400);
        assertThat(post(KLING, body, "wait=61").statusCode()).isEqualTo(400);
        assertThat(post(KLING, body, "wait=60").statusCode()).isEqualTo(201);
        assertThat(post(KLING, body, "wait").statusCode()).isEqualTo(201);
    }

    @Test
    void everyInvalidInputIsListedInOne422() throws Exception {
        HttpResponse<String> response = post(KLING, "{\"input\":{\"image\":\"x\",\"duration\":7}}", null);

        assertThat(response.statusCode()).isEqualTo(422);
        String detail = (String) FakeJson.parseObject(response.body()).get("detail");
        assertThat(detail).contains("Additional property image").contains("prompt is required")
                .contains("duration must be one of the following: 5, 10");
        assertThat(server.creates()).isZero();
    }

    @Test
    void aThrottledCreateSaysWhenTheLimitResets() throws Exception {
        server.fail(FakeReplicateServer.Endpoint.CREATE, ReplicateErrors.throttled(30, false));

        HttpResponse<String> response = post(KLING, "{\"input\":{\"prompt\":\"p\"}}", null);

        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(response.body()).contains("resets in ~30s");
        assertThat(response.headers().firstValue("retry-after")).isEmpty();
    }

    @Test
    void aCreateAnsweredTooLateIsStillPaidForAndRecordedWithItsPrompt() throws Exception {
        // a source that makes every create late and nothing else, as SeededFaults does for a share of them
        server.failRandomly(endpoint -> endpoint == FakeReplicateServer.Endpoint.CREATE
                ? Optional.of(ReplicateErrors.slow(Duration.ofMillis(300)))
                : Optional.empty());
        server.fail(FakeReplicateServer.Endpoint.CREATE, ReplicateErrors.serverError(503));

        assertThat(post(KLING, "{\"input\":{\"prompt\":\"first\"}}", null).statusCode()).isEqualTo(503);
        long before = System.nanoTime();
        HttpResponse<String> late = post(KLING, "{\"input\":{\"prompt\":\"second\"}}", null);

        assertThat(late.statusCode()).isEqualTo(201);
        assertThat(Duration.ofNanos(System.nanoTime() - before)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        assertThat(server.created()).singleElement().satisfies(created -> {
            assertThat(created.prompt()).isEqualTo("second");
            assertThat(created.model()).isEqualTo("kwaivgi/kling-v2.5-turbo-pro");
            assertThat(late.body()).contains("\"id\":\"" + created.id() + "\"");
        });
        assertThat(server.creates()).isEqualTo(1);
    }

    @Test
    void aCancelledPredictionEndsCanceledAndIsAnnouncedOnce() throws Exception {
        List<Received> received = new CopyOnWriteArrayList<>();
        try (LoopbackServer receiver = new LoopbackServer(r -> Reply.status(404)).route("POST", "/hook", r -> {
            received.add(r);
            return Reply.status(200);
        }).start();
                FakeReplicateServer hooked = FakeReplicateServer.builder(TOKEN, Files.write(dir.resolve("w.mp4"), new byte[] {1}))
                        .webhookSecret(StandardWebhooks.newSecret()).start()) {
            String body = "{\"input\":{\"prompt\":\"p\"},\"webhook\":\"http://127.0.0.1:" + receiver.port()
                    + "/hook\",\"webhook_events_filter\":[\"completed\"]}";
            String id = (String) FakeJson.parseObject(send(hooked, KLING, body).body()).get("id");

            HttpResponse<String> cancelled = send(hooked, "/v1/predictions/" + id + "/cancel", "");
            hooked.advance(Duration.ofMinutes(5));

            assertThat(FakeJson.parseObject(cancelled.body()).get("status")).isEqualTo("canceled");
            assertThat(received).hasSize(1);
            Map<String, Object> prediction = FakeJson.parseObject(received.getFirst().bodyText());
            assertThat(prediction.get("id")).isEqualTo(id);
            assertThat(prediction.get("status")).isEqualTo("canceled");
            assertThat(hooked.cancels()).isEqualTo(1);
        }
    }

    @Test
    void anOutputIsDownloadableForAnHourThenGone() throws Exception {
        String id = (String) FakeJson.parseObject(post(KLING, "{\"input\":{\"prompt\":\"p\"}}", null).body()).get("id");
        server.advance(Duration.ofMinutes(5));
        Map<String, Object> done = FakeJson.parseObject(http.send(HttpRequest.newBuilder(URI.create(server.baseUrl()
                + "/v1/predictions/" + id)).header("Authorization", "Bearer " + TOKEN).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        HttpRequest download = HttpRequest.newBuilder(URI.create((String) done.get("output"))).build();

        assertThat(done.get("status")).isEqualTo("succeeded");
        assertThat(http.send(download, HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(200);
        server.advance(Duration.ofMinutes(61));
        assertThat(http.send(download, HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(404);
        assertThat(server.downloads()).isEqualTo(1);
    }

    private HttpResponse<String> post(String path, String body, String prefer) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (prefer != null) {
            request.header("Prefer", prefer);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> send(FakeReplicateServer target, String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(target.baseUrl() + path))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
