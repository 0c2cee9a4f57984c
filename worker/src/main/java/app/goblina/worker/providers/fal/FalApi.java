package app.goblina.worker.providers.fal;

import app.goblina.failures.PermanentFailure;
import app.goblina.failures.TransientFailure;
import app.goblina.worker.providers.http.CappedBodies;
import app.goblina.worker.providers.http.ProviderHttp;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * fal's queue and Platform API calls, one exchange each, with the key as {@code Authorization: Key}. A provider
 * job id is {@code owner/alias:request_id}: status, result and cancel paths need the app, and a request id alone
 * does not say which.
 */
final class FalApi {

    static final String PROVIDER = "fal";
    static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern JOB_ID = Pattern.compile(
            "(?<app>[A-Za-z0-9][A-Za-z0-9._-]{0,99}/[A-Za-z0-9][A-Za-z0-9._-]{0,99}):(?<id>[A-Za-z0-9-]{1,64})");

    /** A request at fal, as our job id names it. */
    record JobRef(String app, String requestId) {

        String jobId() {
            return app + ":" + requestId;
        }
    }

    private final FalConfig config;
    private final ProviderHttp http;
    private final FalFailureRules rules;
    private final Clock clock;

    FalApi(FalConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.http = new ProviderHttp(PROVIDER, config.connectTimeout(), clock);
        this.rules = new FalFailureRules(config.key());
    }

    FalConfig config() {
        return config;
    }

    ProviderHttp http() {
        return http;
    }

    FalFailureRules rules() {
        return rules;
    }

    Instant now() {
        return clock.instant();
    }

    static JobRef parse(String jobId) {
        Matcher match = jobId == null ? null : JOB_ID.matcher(jobId);
        if (match == null || !match.matches()) {
            throw new PermanentFailure("not a valid fal job id (owner/alias:request_id)");
        }
        return new JobRef(match.group("app"), match.group("id"));
    }

    /** {@code POST /{endpoint}}: queues the input; answers the request's id. */
    JobRef submit(FalShape shape, JsonNode input) {
        String query = config.webhookUrl() == null ? ""
                : "?fal_webhook=" + URLEncoder.encode(config.webhookUrl().toString(), StandardCharsets.UTF_8);
        HttpRequest request = authorized(URI.create(config.queueUrl() + "/" + shape.model() + query), config.createTimeout())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(write(input)))
                .build();
        JsonNode answer = read(http.send(request, CappedBodies.text(config.maxResponseBytes()), rules, shape.model()).body());
        String id = answer.path("request_id").asText("");
        if (!id.matches("[A-Za-z0-9-]{1,64}")) {
            throw new PermanentFailure("fal: the submit answer names no request id");
        }
        return new JobRef(shape.app(), id);
    }

    /** {@code GET /{app}/requests/{id}/status}. */
    JsonNode status(JobRef job) {
        return get(URI.create(config.queueUrl() + "/" + job.app() + "/requests/" + job.requestId() + "/status"));
    }

    /** {@code GET /{app}/requests/{id}}: the output, or the model's error as a failure. */
    JsonNode result(JobRef job) {
        return get(URI.create(config.queueUrl() + "/" + job.app() + "/requests/" + job.requestId()));
    }

    /** {@code PUT /{app}/requests/{id}/cancel}; answers fal's status word. */
    String cancel(JobRef job) {
        HttpRequest request = authorized(URI.create(config.queueUrl() + "/" + job.app() + "/requests/" + job.requestId()
                + "/cancel"), config.requestTimeout()).PUT(HttpRequest.BodyPublishers.noBody()).build();
        HttpResponse<String> answer = http.send(request, CappedBodies.text(config.maxResponseBytes()), rules);
        return read(answer.body()).path("status").asText("");
    }

    /** One page of the request history of {@code endpoint} sent since {@code start}, with payloads. */
    JsonNode history(String endpoint, Instant start, String cursor) {
        String query = "endpoint_id=" + URLEncoder.encode(endpoint, StandardCharsets.UTF_8) + "&start="
                + URLEncoder.encode(start.toString(), StandardCharsets.UTF_8) + "&expand=payloads&limit=100"
                + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
        HttpRequest request = authorized(URI.create(config.platformUrl() + "/models/requests/by-endpoint?" + query),
                config.requestTimeout()).GET().build();
        return read(http.send(request, CappedBodies.text(config.maxHistoryBytes()), rules).body());
    }

    private JsonNode get(URI uri) {
        HttpRequest request = authorized(uri, config.requestTimeout()).GET().build();
        return read(http.send(request, CappedBodies.text(config.maxResponseBytes()), rules).body());
    }

    private HttpRequest.Builder authorized(URI uri, Duration timeout) {
        return HttpRequest.newBuilder(uri).timeout(timeout).header("Authorization", "Key " + config.key())
                .header("Accept", "application/json");
    }

    private static String write(JsonNode body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a body built from JSON nodes always serialises", e);
        }
    }

    private static JsonNode read(String body) {
        try {
            return JSON.readTree(body == null ? "" : body);
        } catch (java.io.IOException e) {
            throw new TransientFailure("fal: an answer that is not JSON");
        }
    }
}
