package app.goblina.worker.providers.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;

/**
 * One vendor's JSON API as its adapters share it: one HTTP client, the headers every request carries (a key, an
 * API version), the vendor's failure rules, the bound on one exchange and the cap on a text answer.
 */
public final class JsonApi {

    public static final ObjectMapper JSON = new ObjectMapper();

    private final ProviderHttp http;
    private final FailureRules rules;
    private final Function<String, URI> endpoints;
    private final Map<String, String> headers;
    private final Duration requestTimeout;
    private final int maxResponseBytes;

    /**
     * @param endpoints        the URL of a path such as {@code /v1/messages}, under the vendor's base URL
     * @param headers          sent with every request, e.g. the key
     * @param requestTimeout   bound on one whole exchange, body included
     * @param maxResponseBytes cap on a text answer; more fails permanently
     */
    public JsonApi(ProviderHttp http, FailureRules rules, Function<String, URI> endpoints, Map<String, String> headers,
            Duration requestTimeout, int maxResponseBytes) {
        this.http = http;
        this.rules = rules;
        this.endpoints = endpoints;
        this.headers = Map.copyOf(headers);
        this.requestTimeout = requestTimeout;
        this.maxResponseBytes = maxResponseBytes;
    }

    public ProviderHttp http() {
        return http;
    }

    public FailureRules rules() {
        return rules;
    }

    /** A JSON POST to {@code path} with the vendor's headers, bounded by the request timeout. */
    public HttpRequest.Builder post(String path, JsonNode body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoints.apply(path)).timeout(requestTimeout);
        headers.forEach(request::header);
        try {
            return request.header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a request built from JSON nodes always serialises", e);
        }
    }

    /**
     * POSTs {@code body} and returns the answer's text, within the request timeout and the response cap, counted
     * under {@code model}; see {@link ProviderHttp} for the failures it throws.
     */
    public String postForText(String path, JsonNode body, String model) {
        return http.send(post(path, body).build(), CappedBodies.text(maxResponseBytes), rules, requestTimeout, model)
                .body();
    }
}
