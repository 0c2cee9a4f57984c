package app.goblina.worker.providers.replicate;

import app.goblina.failures.PermanentFailure;
import app.goblina.worker.providers.http.CappedBodies;
import app.goblina.worker.providers.http.FailureRules;
import app.goblina.worker.providers.http.ProviderHttp;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * The calls of Replicate's predictions API, each one HTTP exchange with the token, its timeout, its size cap, the
 * vendor's failure rules, and the throttle delay read from the text when no header gives one. Blocking. Throws
 * what {@link ProviderHttp} throws.
 */
final class ReplicateApi {

    static final String PROVIDER = "replicate";
    /** Ids go into paths: anything but the id alphabet would let an answer steer our next request elsewhere. */
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9]{1,64}");

    private final ReplicateConfig config;
    private final ProviderHttp http;
    private final FailureRules rules;

    ReplicateApi(ReplicateConfig config, Clock clock) {
        this.config = config;
        this.http = new ProviderHttp(PROVIDER, config.connectTimeout(), clock);
        this.rules = new ReplicateFailureRules(config.apiToken());
    }

    ReplicateConfig config() {
        return config;
    }

    ProviderHttp http() {
        return http;
    }

    /** {@code POST /v1/models/{owner}/{name}/predictions}. */
    ReplicatePrediction create(String model, ObjectNode body) {
        HttpRequest.Builder request = authorized(config.endpoint("/v1/models/" + model + "/predictions"),
                config.createTimeout())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        if (config.preferWait() > 0) {
            request.header("Prefer", "wait=" + config.preferWait());
        }
        return prediction(request.build(), model);
    }

    /** {@code GET /v1/predictions/{id}}. */
    ReplicatePrediction get(String id) {
        return prediction(authorized(config.endpoint("/v1/predictions/" + safe(id)), config.requestTimeout()).GET().build());
    }

    /** {@code POST /v1/predictions/{id}/cancel}. */
    ReplicatePrediction cancel(String id) {
        return prediction(authorized(config.endpoint("/v1/predictions/" + safe(id) + "/cancel"), config.requestTimeout())
                .POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    /** One page of {@code GET /v1/predictions}, newest first; {@code page} is the first page or a {@code next} link. */
    String list(URI page) {
        HttpRequest request = authorized(page, config.requestTimeout()).GET().build();
        return ThrottleWait.honoured(() -> http.send(request, CappedBodies.text(config.maxListBytes()), rules).body());
    }

    static String safe(String id) {
        if (id == null || !SAFE_ID.matcher(id).matches()) {
            throw new PermanentFailure("not a valid prediction id");
        }
        return id;
    }

    private ReplicatePrediction prediction(HttpRequest request) {
        return prediction(request, null);
    }

    /** @param model the model the call is counted under, or null for calls about a prediction */
    private ReplicatePrediction prediction(HttpRequest request, String model) {
        String body = ThrottleWait.honoured(() -> http.send(request, CappedBodies.text(config.maxResponseBytes()), rules, model).body());
        return ReplicatePrediction.parse(body, config.apiToken());
    }

    private HttpRequest.Builder authorized(URI uri, Duration timeout) {
        return HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Authorization", "Bearer " + config.apiToken())
                .header("Accept", "application/json");
    }
}
