package app.goblina.api.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import app.goblina.testkit.fakes.fal.FalWebhookSigner;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * fal's webhooks against the real API: signed with Ed25519 by a key the API fetches from a JWKS, checked before
 * the body is read, and turned into one poll of the clip whose job id ends in the request id.
 */
class FalWebhookTest {

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
    void aSignedCompletionQueuesOnePollForTheClipOfThatRequest() throws Exception {
        String requestId = UUID.randomUUID().toString();
        UUID clip = api.clip("fal", "fal-ai/kling-video:" + requestId);
        long before = api.allJobs();
        byte[] body = event(requestId);

        HttpResponse<String> answer = deliver(api.falSigner, requestId, body, Instant.now(), Map.of());

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
        assertThat(api.webhookPolls(clip)).isEqualTo(1);
        assertThat(api.allJobs()).isEqualTo(before + 1);
    }

    @Test
    void theSameDeliveryAgainIsRefusedAndARetryWithANewTimestampQueuesNoSecondPoll() throws Exception {
        String requestId = UUID.randomUUID().toString();
        UUID clip = api.clip("fal", "fal-ai/kling-video:" + requestId);
        byte[] body = event(requestId);
        Instant at = Instant.now();

        assertThat(deliver(api.falSigner, requestId, body, at, Map.of()).statusCode()).isEqualTo(202);
        assertThat(deliver(api.falSigner, requestId, body, at, Map.of()).statusCode()).isEqualTo(409);
        assertThat(deliver(api.falSigner, requestId, body, at.plusSeconds(30), Map.of()).statusCode()).isEqualTo(202);

        assertThat(api.webhookPolls(clip)).isEqualTo(1);
    }

    @Test
    void aDeliverySignedByAKeyFalDoesNotPublishIs401AndQueuesNothing() throws Exception {
        String requestId = UUID.randomUUID().toString();
        UUID clip = api.clip("fal", "fal-ai/kling-video:" + requestId);
        long before = api.allJobs();

        HttpResponse<String> answer = deliver(new FalWebhookSigner("user-fal-test"), requestId, event(requestId),
                Instant.now(), Map.of());

        assertThat(answer.statusCode()).isEqualTo(401);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(error(answer).path("field").asText()).isEqualTo("X-Fal-Webhook-Signature");
        assertThat(api.webhookPolls(clip)).isZero();
        assertThat(api.allJobs()).isEqualTo(before);
    }

    @Test
    void aBodyChangedAfterSigningIs401() throws Exception {
        String requestId = UUID.randomUUID().toString();
        api.clip("fal", "fal-ai/kling-video:" + requestId);
        byte[] signedBody = event(requestId);
        Map<String, String> headers = api.falSigner.headers(requestId, signedBody, Instant.now());

        HttpResponse<String> answer = http.send(post(headers, event(UUID.randomUUID().toString())),
                HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(401);
    }

    @Test
    void aStaleTimestampIs400AndMissingHeadersAreNamed() throws Exception {
        String requestId = UUID.randomUUID().toString();
        byte[] body = event(requestId);

        HttpResponse<String> stale = deliver(api.falSigner, requestId, body, Instant.now().minusSeconds(600), Map.of());
        HttpResponse<String> bare = http.send(post(Map.of(), body), HttpResponse.BodyHandlers.ofString());

        assertThat(stale.statusCode()).isEqualTo(400);
        assertThat(error(stale).path("field").asText()).isEqualTo("X-Fal-Webhook-Timestamp");
        assertThat(bare.statusCode()).isEqualTo(400);
        assertThat(error(bare).path("field").asText()).isEqualTo("X-Fal-Webhook-Request-Id");
    }

    @Test
    void aSignedEventForARequestNoClipHasIsAcceptedAndIgnored() throws Exception {
        String requestId = UUID.randomUUID().toString();
        long before = api.allJobs();

        HttpResponse<String> answer = deliver(api.falSigner, requestId, event(requestId), Instant.now(), Map.of());

        assertThat(answer.statusCode()).isEqualTo(202);
        assertThat(answer.body()).contains("ignored");
        assertThat(api.allJobs()).isEqualTo(before);
    }

    private HttpResponse<String> deliver(FalWebhookSigner signer, String requestId, byte[] body, Instant at,
            Map<String, String> extra) throws Exception {
        Map<String, String> headers = new java.util.LinkedHashMap<>(signer.headers(requestId, body, at));
        headers.putAll(extra);
        return http.send(post(headers, body), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest post(Map<String, String> headers, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(api.url("/v1/webhooks/fal")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        return request.build();
    }

    private static byte[] event(String requestId) {
        return ("{\"request_id\":\"" + requestId + "\",\"gateway_request_id\":\"" + requestId + "\",\"status\":\"OK\","
                + "\"payload\":{\"video\":{\"url\":\"https://v3.fal.media/files/x/output.mp4\"}},\"error\":null}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static JsonNode error(HttpResponse<String> answer) throws IOException {
        return JSON.readTree(answer.body()).path("errors").get(0);
    }
}
