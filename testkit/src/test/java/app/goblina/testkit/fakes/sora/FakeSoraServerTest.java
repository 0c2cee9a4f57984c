package app.goblina.testkit.fakes.sora;

import static org.assertj.core.api.Assertions.assertThat;

import app.goblina.testkit.fakes.FakeJson;
import app.goblina.testkit.fakes.video.LoopbackServer;
import app.goblina.testkit.fakes.video.Received;
import app.goblina.testkit.fakes.video.Reply;
import app.goblina.testkit.fakes.video.StandardWebhooks;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Sora fake refuses what the service refuses and keeps the lifecycle and webhook promises it documents. */
class FakeSoraServerTest {

    private static final String KEY = "sk-fake";

    @TempDir
    Path dir;
    private FakeSoraServer server;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws IOException {
        server = FakeSoraServer.builder(KEY, Files.write(dir.resolve("v.mp4"), new byte[] {0, 0, 0, 8})).start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aReferenceImageOfAnotherSizeThanTheVideoIsRefused() throws Exception {
        HttpResponse<String> response = create(form("4", "720x1280", png(300, 400), "image/png"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("Inpaint image must match the requested width and height");
        assertThat(server.creates()).isZero();
    }

    @Test
    void aReferenceOfExactlyTheRequestedSizeIsAcceptedAndQueued() throws Exception {
        HttpResponse<String> response = create(form("8", "1280x720", png(1280, 720), "image/png"));

        assertThat(response.statusCode()).isEqualTo(200);
        Map<String, Object> video = FakeJson.parseObject(response.body());
        assertThat(video.get("status")).isEqualTo("queued");
        assertThat(video.get("seconds")).isEqualTo("8");
        assertThat(response.headers().firstValue("openai-poll-after-ms")).isPresent();
    }

    @Test
    void lengthsAndSizesTheServiceDoesNotOfferAreRefused() throws Exception {
        assertThat(create(form("5", "720x1280", null, null)).body()).contains("seconds");
        assertThat(create(form("4", "1080x1920", null, null)).body()).contains("size");
        assertThat(server.creates()).isZero();
    }

    @Test
    void anImagePartWithoutItsContentTypeIsRefused() throws Exception {
        HttpResponse<String> response = create(form("4", "720x1280", png(720, 1280), null));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("unsupported mimetype");
    }

    @Test
    void aWrongKeyIs401InOpenAisShape() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/videos"))
                .header("Authorization", "Bearer nope").GET().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("invalid_api_key");
    }

    @Test
    void aRunningVideoCannotBeDeletedButAFinishedOneCan() throws Exception {
        String id = (String) FakeJson.parseObject(create(form("4", "720x1280", null, null)).body()).get("id");
        HttpRequest delete = authorized("/videos/" + id).DELETE().build();

        assertThat(http.send(delete, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(400);
        server.advance(Duration.ofMinutes(2));
        assertThat(http.send(delete, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        assertThat(http.send(authorized("/videos/" + id).GET().build(), HttpResponse.BodyHandlers.ofString()).statusCode())
                .isEqualTo(404);
    }

    @Test
    void aFinishedVideoIsAnnouncedOnceByASignedWebhookEvenIfTimeMovesOnAgain() throws Exception {
        List<Received> received = new CopyOnWriteArrayList<>();
        try (LoopbackServer receiver = new LoopbackServer(r -> Reply.status(404))
                .route("POST", "/hook", r -> {
                    received.add(r);
                    return Reply.status(200);
                }).start();
                FakeSoraServer hooked = FakeSoraServer.builder(KEY, Files.write(dir.resolve("w.mp4"), new byte[] {1}))
                        .webhooks(URI.create("http://127.0.0.1:" + receiver.port() + "/hook"), StandardWebhooks.newSecret())
                        .start()) {
            HttpResponse<String> created = send(hooked, multipart(form("4", "720x1280", null, null)));

            hooked.advance(Duration.ofMinutes(2));
            hooked.advance(Duration.ofMinutes(2));

            assertThat(received).hasSize(1);
            Map<String, Object> event = FakeJson.parseObject(received.getFirst().bodyText());
            assertThat(event.get("type")).isEqualTo("video.completed");
            assertThat(((Map<?, ?>) event.get("data")).get("id")).isEqualTo(FakeJson.parseObject(created.body()).get("id"));
            assertThat(received.getFirst().header("webhook-signature")).hasValueSatisfying(s -> assertThat(s).startsWith("v1,"));
        }
    }

    // ---- requests and answers ----

    private record Form(String seconds, String size, byte[] image, String imageType) {
    }

    private static Form form(String seconds, String size, byte[] image, String imageType) {
        return new Form(seconds, size, image, imageType);
    }

    private HttpResponse<String> create(Form form) throws Exception {
        return send(server, multipart(form));
    }

    private HttpResponse<String> send(FakeSoraServer target, byte[] multipart) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(target.baseUrl() + "/videos"))
                .header("Authorization", "Bearer " + KEY)
                .header("Content-Type", "multipart/form-data; boundary=b0undary")
                .POST(HttpRequest.BodyPublishers.ofByteArray(multipart)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder authorized(String path) {
        return HttpRequest.newBuilder(URI.create(server.baseUrl() + path)).header("Authorization", "Bearer " + KEY);
    }

    private static byte[] multipart(Form form) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        field(body, "prompt", "Ms. Goblina waves");
        field(body, "model", "sora-2");
        field(body, "seconds", form.seconds());
        field(body, "size", form.size());
        if (form.image() != null) {
            body.write(("--b0undary\r\nContent-Disposition: form-data; name=\"input_reference\"; filename=\"r.png\"\r\n"
                    + (form.imageType() == null ? "" : "Content-Type: " + form.imageType() + "\r\n") + "\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            body.write(form.image());
            body.write("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        body.write("--b0undary--\r\n".getBytes(StandardCharsets.UTF_8));
        return body.toByteArray();
    }

    private static void field(ByteArrayOutputStream body, String name, String value) throws IOException {
        body.write(("--b0undary\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n")
                .getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] png(int width, int height) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB), "png", out);
        return out.toByteArray();
    }
}
