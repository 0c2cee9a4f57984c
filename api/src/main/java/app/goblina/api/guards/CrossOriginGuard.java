package app.goblina.api.guards;

import app.goblina.api.problems.Problems;
import app.goblina.domain.FieldError;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * Cross-origin calls are refused unless their origin is configured ({@code GOBLINA_HTTP_ALLOWED_ORIGINS}): a
 * request whose {@code Origin} is neither the API's own nor a configured one gets 403 before it reaches a
 * controller, so a page elsewhere cannot make a logged-in browser requeue, cancel or create anything. A configured
 * origin gets the CORS answer it needs (preflight included). Requests without {@code Origin} (curl, servers) pass.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class CrossOriginGuard implements Ordered {

    private static final String METHODS = "GET, POST, DELETE, OPTIONS";
    private static final String HEADERS = "Authorization, Content-Type";

    private final HttpGuardsConfig config;

    public CrossOriginGuard(HttpGuardsConfig config) {
        this.config = config;
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.FIRST.order();
    }

    @RequestFilter
    @Nullable
    public MutableHttpResponse<?> check(HttpRequest<?> request) {
        Optional<String> origin = request.getHeaders().get(HttpHeaders.ORIGIN, String.class);
        if (origin.isEmpty() || sameOrigin(origin.get(), request)) {
            return null;
        }
        if (!config.allowedOrigins().contains(origin.get())) {
            return Problems.response(HttpStatus.FORBIDDEN, "Forbidden", List.of(new FieldError("Origin",
                    "cross-origin requests are refused; allowed origins are set with GOBLINA_HTTP_ALLOWED_ORIGINS")));
        }
        if (request.getMethod() == HttpMethod.OPTIONS
                && request.getHeaders().contains(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD)) {
            return HttpResponse.noContent()
                    .header(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, origin.get())
                    .header(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS, METHODS)
                    .header(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS, HEADERS)
                    .header(HttpHeaders.ACCESS_CONTROL_MAX_AGE, "600")
                    .header(HttpHeaders.VARY, HttpHeaders.ORIGIN);
        }
        return null;
    }

    @ResponseFilter
    public void allow(HttpRequest<?> request, MutableHttpResponse<?> response) {
        request.getHeaders().get(HttpHeaders.ORIGIN, String.class)
                .filter(config.allowedOrigins()::contains)
                .ifPresent(origin -> response.header(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, origin)
                        .header(HttpHeaders.VARY, HttpHeaders.ORIGIN));
    }

    /** The page the API serves itself calls it with its own origin: scheme, host and port of the request. */
    private static boolean sameOrigin(String origin, HttpRequest<?> request) {
        Optional<String> host = request.getHeaders().get(HttpHeaders.HOST, String.class);
        if (host.isEmpty()) {
            return false;
        }
        try {
            URI uri = URI.create(origin);
            String authority = uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && host.get().equalsIgnoreCase(authority);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
