package app.goblina.worker.providers.sora;

import app.goblina.failures.PermanentFailure;
import app.goblina.worker.providers.openai.OpenAiFailureRules;
import app.goblina.worker.providers.http.CappedBodies;
import app.goblina.worker.providers.http.FailureRules;
import app.goblina.worker.providers.http.ProviderHttp;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The calls of the {@code /v1/videos} contract, each one HTTP exchange with the key, its timeout, its size cap and
 * the vendor's failure rules. Blocking. Throws what {@link ProviderHttp} throws.
 */
final class SoraApi {

    static final String PROVIDER = "sora";
    /** Ids go into paths: anything but the id alphabet would let an answer steer our next request elsewhere. */
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9_-]{1,128}");

    private final SoraConfig config;
    private final ProviderHttp http;
    private final FailureRules rules;

    SoraApi(SoraConfig config, Clock clock) {
        this.config = config;
        this.http = new ProviderHttp(PROVIDER, config.connectTimeout(), clock);
        this.rules = new OpenAiFailureRules(config.apiKey(), "video generation");
    }

    SoraConfig config() {
        return config;
    }

    ProviderHttp http() {
        return http;
    }

    FailureRules rules() {
        return rules;
    }

    /** {@code POST /videos} of {@code model}; answers the new video and the server's poll hint. */
    Answer<SoraVideo> create(SoraCreateBody body, String model, String idempotencyKey) {
        HttpRequest request = authorized(config.endpoint("/videos"), config.createTimeout())
                .header("Content-Type", body.contentType())
                // Not part of the documented contract; sent so a server that honours it dedupes, never relied on.
                .header("Idempotency-Key", idempotencyKey)
                .POST(body.publisher())
                .build();
        return video(http.send(request, CappedBodies.text(config.maxResponseBytes()), rules, model));
    }

    /** {@code GET /videos/{id}}. */
    Answer<SoraVideo> retrieve(String id) {
        HttpRequest request = authorized(config.endpoint("/videos/" + safe(id)), config.requestTimeout()).GET().build();
        return video(http.send(request, CappedBodies.text(config.maxResponseBytes()), rules));
    }

    /** {@code GET /videos?order=desc&limit=…[&after=…]}: the raw page, parsed by the caller. */
    String list(String after) {
        String query = "?order=desc&limit=" + config.listLimit() + (after == null ? "" : "&after=" + safe(after));
        HttpRequest request = authorized(config.endpoint("/videos" + query), config.requestTimeout()).GET().build();
        return http.send(request, CappedBodies.text(config.maxResponseBytes()), rules).body();
    }

    /** {@code DELETE /videos/{id}}. */
    void delete(String id) {
        HttpRequest request = authorized(config.endpoint("/videos/" + safe(id)), config.requestTimeout()).DELETE().build();
        http.send(request, CappedBodies.text(config.maxResponseBytes()), rules);
    }

    HttpRequest.Builder authorized(URI uri, Duration timeout) {
        return HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Authorization", "Bearer " + config.apiKey())
                .header("Accept", "application/json");
    }

    static String safe(String id) {
        if (id == null || !SAFE_ID.matcher(id).matches()) {
            throw new PermanentFailure("not a valid video id");
        }
        return id;
    }

    /**
     * A parsed answer with the server's {@code openai-poll-after-ms} hint.
     *
     * @param pollAfter null when the server gave none
     */
    record Answer<T>(T value, Duration pollAfter) {
    }

    private Answer<SoraVideo> video(HttpResponse<String> response) {
        return new Answer<>(SoraVideo.parse(response.body(), config.apiKey()), pollAfter(response));
    }

    private static Duration pollAfter(HttpResponse<?> response) {
        Optional<String> hint = response.headers().firstValue("openai-poll-after-ms");
        try {
            return hint.map(h -> Duration.ofMillis(Math.max(0, Long.parseLong(h.strip())))).orElse(null);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
