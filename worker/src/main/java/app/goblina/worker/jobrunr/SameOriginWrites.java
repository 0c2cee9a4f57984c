package app.goblina.worker.jobrunr;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;

/**
 * Refuses, with 403, a request that changes something (anything but GET, HEAD and OPTIONS) when its {@code Origin},
 * or without one its {@code Referer}, names another origin than the dashboard's own, the one in its {@code Host}:
 * a browser sends cached basic-auth credentials along with another site's form post or fetch. A request naming
 * neither, as curl sends, is let through to the login check.
 *
 * <p>On a loopback address it also refuses any request whose {@code Host} is not a loopback name, so a page whose
 * own name was rebound to 127.0.0.1 cannot reach a dashboard that asks for no login.
 */
final class SameOriginWrites extends Filter {

    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");
    private static final Set<String> LOOPBACK_NAMES = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

    private final boolean loopbackOnly;

    /** @param loopbackOnly the dashboard listens on a loopback address */
    SameOriginWrites(boolean loopbackOnly) {
        this.loopbackOnly = loopbackOnly;
    }

    @Override
    public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
        String host = exchange.getRequestHeaders().getFirst("Host");
        if (host == null || host.isBlank()) {
            refuse(exchange, "no Host header");
            return;
        }
        Authority own = Authority.ofHost(host.strip());
        if (own == null || (loopbackOnly && !LOOPBACK_NAMES.contains(own.host()) && !own.host().startsWith("127."))) {
            refuse(exchange, "this dashboard answers on localhost only");
            return;
        }
        if (!READS.contains(exchange.getRequestMethod().toUpperCase(Locale.ROOT)) && !sameOrigin(exchange, own)) {
            refuse(exchange, "cross-origin request refused");
            return;
        }
        chain.doFilter(exchange);
    }

    private static boolean sameOrigin(HttpExchange exchange, Authority own) {
        String origin = exchange.getRequestHeaders().getFirst("Origin");
        if (origin == null) {
            String referer = exchange.getRequestHeaders().getFirst("Referer");
            return referer == null || own.matches(Authority.ofUrl(referer.strip()));
        }
        return own.matches(Authority.ofUrl(origin.strip()));
    }

    private static void refuse(HttpExchange exchange, String why) throws IOException {
        byte[] body = (why + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(403, body.length);
        try (var out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public String description() {
        return "same-origin state changes";
    }

    /**
     * A host and port as a browser compares them.
     *
     * @param port -1 when the Host header names none, which matches a URL on its scheme's default port
     */
    record Authority(String host, int port) {

        /** From a {@code Host} header, or null when it is not one. */
        static Authority ofHost(String header) {
            try {
                URI uri = new URI("http://" + header);
                if (uri.getHost() == null || uri.getRawPath() != null && !uri.getRawPath().isEmpty()) {
                    return null;
                }
                return new Authority(uri.getHost().toLowerCase(Locale.ROOT), uri.getPort());
            } catch (URISyntaxException e) {
                return null;
            }
        }

        /** From an {@code Origin} or {@code Referer} value, or null for {@code null} and anything unparseable. */
        static Authority ofUrl(String url) {
            try {
                URI uri = new URI(url);
                if (uri.getScheme() == null || uri.getHost() == null) {
                    return null;
                }
                int port = uri.getPort();
                if (port == -1) {
                    port = "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
                }
                return new Authority(uri.getHost().toLowerCase(Locale.ROOT), port);
            } catch (URISyntaxException e) {
                return null;
            }
        }

        /** Whether {@code other}, taken from a URL, is this Host header's origin. */
        boolean matches(Authority other) {
            if (other == null || !host.equals(other.host)) {
                return false;
            }
            return port == -1 ? other.port == 80 || other.port == 443 : port == other.port;
        }
    }
}
