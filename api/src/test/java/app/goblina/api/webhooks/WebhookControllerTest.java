package app.goblina.api.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import app.goblina.testkit.fakes.video.ManualClock;
import app.goblina.testkit.fakes.video.StandardWebhooks;
import app.goblina.testkit.fakes.video.StandardWebhooks.Delivery;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Provider webhooks in: signed deliveries queue exactly one poll per clip; forged, stale and replayed ones queue
 * nothing. Deliveries are made by the testkit's Standard Webhooks sender, the one the provider fakes use, which
 * signs independently of the application's verifier.
 */
class WebhookControllerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static WebhookTestContext api;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws IOException {
        api = new WebhookTestContext();
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void aSignedReplicateCompletionQueuesExactlyOnePollForItsClip() {
        // given
        String job = newJob("");
        UUID clip = api.clip("replicate", job);
        long jobsBefore = api.allJobs();
        StandardWebhooks replicate = sender(api.replicateSecret);

        // when
        replicate.deliver(api.url("/v1/webhooks/replicate"), prediction(job));

        // then
        assertThat(replicate.deliveries()).extracting(Delivery::status).containsExactly(202);
        assertThat(api.webhookPolls(clip)).isEqualTo(1);
        assertThat(api.allJobs()).isEqualTo(jobsBefore + 1);
    }

    @Test
    void aSignedSoraCompletionQueuesThePollOfItsClipWithoutAnApiKey() {
        // given
        String job = newJob("video_");
        UUID clip = api.clip("sora", job);
        StandardWebhooks openai = sender(api.soraSecret);

        // when
        openai.deliver(api.url("/v1/webhooks/openai"), event("video.completed", job));

        // then
        assertThat(openai.deliveries()).extracting(Delivery::status).containsExactly(202);
        assertThat(api.webhookPolls(clip)).isEqualTo(1);
    }

    @Test
    void theSameDeliveryTwiceIsRefusedTheSecondTimeAndStillQueuesOnePoll() {
        // given a provider retrying a delivery it believes lost
        String job = newJob("video_");
        UUID clip = api.clip("sora", job);
        StandardWebhooks openai = sender(api.soraSecret);
        openai.mode(StandardWebhooks.Mode.TWICE);

        // when
        openai.deliver(api.url("/v1/webhooks/openai"), event("video.failed", job));

        // then
        assertThat(openai.deliveries()).extracting(Delivery::status).containsExactly(202, 409);
        assertThat(openai.deliveries().get(0).webhookId()).isEqualTo(openai.deliveries().get(1).webhookId());
        assertThat(api.webhookPolls(clip)).isEqualTo(1);
    }

    @Test
    void twoDifferentDeliveriesForOneClipStillQueueASinglePoll() {
        // given
        String job = newJob("");
        UUID clip = api.clip("replicate", job);
        long jobsBefore = api.allJobs();
        StandardWebhooks replicate = sender(api.replicateSecret);

        // when
        replicate.deliver(api.url("/v1/webhooks/replicate"), prediction(job));
        replicate.deliver(api.url("/v1/webhooks/replicate"), prediction(job));

        // then
        assertThat(replicate.deliveries()).extracting(Delivery::status).containsExactly(202, 202);
        assertThat(replicate.deliveries().get(0).webhookId()).isNotEqualTo(replicate.deliveries().get(1).webhookId());
        assertThat(api.webhookPolls(clip)).isEqualTo(1);
        assertThat(api.allJobs()).isEqualTo(jobsBefore + 1);
    }

    @Test
    void aDeliverySignedWithAnotherSecretIs401AndQueuesNothing() throws IOException {
        // given
        String job = newJob("");
        api.clip("replicate", job);
        long jobsBefore = api.allJobs();
        long deliveriesBefore = api.deliveries();
        StandardWebhooks forger = sender(StandardWebhooks.newSecret());

        // when
        forger.deliver(api.url("/v1/webhooks/replicate"), prediction(job));

        // then
        assertThat(forger.deliveries()).extracting(Delivery::status).containsExactly(401);
        assertThat(api.allJobs()).isEqualTo(jobsBefore);
        assertThat(api.deliveries()).isEqualTo(deliveriesBefore);
        assertThat(problem(rawPost("/v1/webhooks/replicate", prediction(job),
                "msg_1", Long.toString(Instant.now().getEpochSecond()), "v1,AAAA")).path("errors").get(0).path("field").asText())
                .isEqualTo("webhook-signature");
    }

    @Test
    void aCorrectlySignedButStaleDeliveryIs400OnItsTimestampAndQueuesNothing() throws IOException {
        // given a capture of a genuine delivery, replayed ten minutes later
        String job = newJob("video_");
        api.clip("sora", job);
        long jobsBefore = api.allJobs();
        StandardWebhooks openai = sender(api.soraSecret);
        String body = event("video.completed", job);
        long tenMinutesAgo = Instant.now().minusSeconds(600).getEpochSecond();

        // when
        HttpResponse<String> response = rawPost("/v1/webhooks/openai", body, "msg_stale",
                Long.toString(tenMinutesAgo), openai.signature("msg_stale", tenMinutesAgo, body));

        // then
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(problem(response).path("errors").get(0).path("field").asText()).isEqualTo("webhook-timestamp");
        assertThat(api.allJobs()).isEqualTo(jobsBefore);
    }

    @Test
    void theSendersStaleModeIsRefusedToo() {
        // given
        String job = newJob("");
        api.clip("replicate", job);
        long jobsBefore = api.allJobs();
        StandardWebhooks replicate = sender(api.replicateSecret);
        replicate.mode(StandardWebhooks.Mode.STALE);

        // when
        replicate.deliver(api.url("/v1/webhooks/replicate"), prediction(job));

        // then
        assertThat(replicate.deliveries()).extracting(Delivery::status).containsExactly(400);
        assertThat(api.allJobs()).isEqualTo(jobsBefore);
    }

    @Test
    void aDeliveryForAJobNoClipHasIsAcceptedAndIgnored() throws IOException {
        // given
        long jobsBefore = api.allJobs();
        long deliveriesBefore = api.deliveries();
        StandardWebhooks openai = sender(api.soraSecret);

        // when
        openai.deliver(api.url("/v1/webhooks/openai"), event("video.completed", "video_from_another_environment"));

        // then
        assertThat(openai.deliveries()).extracting(Delivery::status).containsExactly(202);
        assertThat(api.allJobs()).isEqualTo(jobsBefore);
        assertThat(api.deliveries()).isEqualTo(deliveriesBefore);
    }

    @Test
    void anEventTypeWeDoNotActOnIsAcceptedAndIgnored() {
        // given
        String job = newJob("video_");
        api.clip("sora", job);
        long jobsBefore = api.allJobs();
        StandardWebhooks openai = sender(api.soraSecret);

        // when
        openai.deliver(api.url("/v1/webhooks/openai"), event("batch.completed", job));

        // then
        assertThat(openai.deliveries()).extracting(Delivery::status).containsExactly(202);
        assertThat(api.allJobs()).isEqualTo(jobsBefore);
    }

    @Test
    void aDeliveryWithoutSignatureIs401() throws IOException {
        String job = newJob("");
        api.clip("replicate", job);

        HttpResponse<String> response = rawPost("/v1/webhooks/replicate", prediction(job),
                "msg_unsigned", Long.toString(Instant.now().getEpochSecond()), null);

        assertThat(response.statusCode()).isEqualTo(401);
    }

    @Test
    void theRestOfV1StillNeedsAnApiKey() throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(api.url("/v1/projects")).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(401);
    }

    // ---- requests and answers ----

    private static StandardWebhooks sender(String secret) {
        return new StandardWebhooks(secret, new ManualClock(Instant.ofEpochSecond(Clock.systemUTC().instant().getEpochSecond())));
    }

    private static String event(String type, String videoId) {
        return "{\"id\":\"evt_" + System.nanoTime() + "\",\"object\":\"event\",\"created_at\":" + Instant.now().getEpochSecond()
                + ",\"type\":\"" + type + "\",\"data\":{\"id\":\"" + videoId + "\"}}";
    }

    private static String prediction(String id) {
        return "{\"id\":\"" + id + "\",\"model\":\"kwaivgi/kling-v2.5-turbo-pro\",\"status\":\"succeeded\","
                + "\"output\":\"https://replicate.delivery/xezq/output.mp4\",\"error\":null}";
    }

    private HttpResponse<String> rawPost(String path, String body, String id, String timestamp, String signature) {
        HttpRequest.Builder request = HttpRequest.newBuilder(api.url(path))
                .header("Content-Type", "application/json")
                .header("webhook-id", id)
                .header("webhook-timestamp", timestamp)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (signature != null) {
            request.header("webhook-signature", signature);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode problem(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }

    private static String newJob(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "");
    }
}
