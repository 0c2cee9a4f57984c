package app.goblina.testkit.fakes.llm;

import app.goblina.testkit.fakes.FakeJson;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One request a fake received, kept for assertions.
 *
 * @param method  HTTP method
 * @param path    the path without the query
 * @param headers header names in lower case, each with its values
 * @param body    the raw body
 */
public record RecordedRequest(String method, String path, Map<String, List<String>> headers, byte[] body) {

    public RecordedRequest {
        headers = Map.copyOf(headers);
    }

    /** The first value of a header, by name in any case. */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /**
     * The body as a JSON object.
     *
     * @throws IllegalArgumentException when the body is not a JSON object
     */
    public Map<String, Object> json() {
        return FakeJson.parseObject(bodyText());
    }
}
