package app.goblina.worker.jobrunr;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;

/**
 * Headers on every dashboard response, refusals included: no content sniffing, no framing by another page (against
 * clickjacking the requeue and delete buttons), no referrer sent elsewhere.
 */
final class DashboardHeaders extends Filter {

    @Override
    public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
        Headers headers = exchange.getResponseHeaders();
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("X-Frame-Options", "DENY");
        // A policy of its own: JobRunr's pages add theirs, and a browser enforces both.
        headers.add("Content-Security-Policy", "frame-ancestors 'none'");
        headers.set("Referrer-Policy", "same-origin");
        chain.doFilter(exchange);
    }

    @Override
    public String description() {
        return "dashboard security headers";
    }
}
