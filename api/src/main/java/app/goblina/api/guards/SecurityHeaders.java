package app.goblina.api.guards;

import app.goblina.api.page.WebPage;
import app.goblina.api.page.WebPagePolicy;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;

/**
 * Headers on every response, errors included: no content sniffing, no framing, no referrer, and nothing an API
 * answer (keys, tenant data) may be kept in a shared or browser cache. API answers are data, not pages: their
 * content security policy allows nothing to load. The web page at {@code /} and its assets ({@link WebPage}) get
 * the policy the page needs ({@link WebPagePolicy}): its own scripts, styles and API calls, and media from object
 * URLs or the store's presigned links. The server names
 * no product or version.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class SecurityHeaders implements Ordered {

    private final WebPagePolicy page;

    public SecurityHeaders(WebPagePolicy page) {
        this.page = page;
    }

    /** Before every other filter, so an answer another filter gives on its own (a 401, 403, 415) carries them too. */
    @Override
    public int getOrder() {
        return ServerFilterPhase.FIRST.before();
    }

    @ResponseFilter
    public void add(HttpRequest<?> request, MutableHttpResponse<?> response) {
        response.header("X-Content-Type-Options", "nosniff");
        response.header("X-Frame-Options", "DENY");
        response.header("Referrer-Policy", "no-referrer");
        if (!response.getHeaders().contains(HttpHeaders.CACHE_CONTROL)) {
            response.header(HttpHeaders.CACHE_CONTROL, "no-store");
        }
        if (!response.getHeaders().contains("Content-Security-Policy")) {
            response.header("Content-Security-Policy", WebPage.isPage(request.getPath())
                    ? page.policy() : "default-src 'none'; frame-ancestors 'none'");
        }
        response.getHeaders().remove(HttpHeaders.SERVER);
    }
}
