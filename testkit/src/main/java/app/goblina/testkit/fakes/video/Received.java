package app.goblina.testkit.fakes.video;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;

/**
 * One request a video fake received.
 *
 * @param method  HTTP method, upper case
 * @param path    the path without the query
 * @param query   query parameters, decoded (the first value of each)
 * @param headers header names in lower case, each with its values
 * @param body    the raw body
 * @param match   the route's match on the path, for its groups (ids)
 */
public record Received(String method, String path, Map<String, String> query, Map<String, List<String>> headers,
        byte[] body, Matcher match) {

    public Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.getFirst());
    }

    /** A named group of the route's path pattern, e.g. {@code id}. */
    public String pathParam(String group) {
        return match.group(group);
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    static Map<String, String> parseQuery(String raw) {
        Map<String, String> query = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return query;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            query.putIfAbsent(name, value);
        }
        return query;
    }
}
