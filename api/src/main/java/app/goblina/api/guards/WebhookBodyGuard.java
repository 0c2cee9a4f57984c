package app.goblina.api.guards;

import app.goblina.api.problems.Problem;
import app.goblina.api.problems.Problems;
import app.goblina.domain.FieldError;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import java.util.List;

/**
 * A provider webhook must give its {@code Content-Length} and be at most {@link #MAX_WEBHOOK_BYTES}; otherwise it
 * is refused before it is read. The cap leaves room for a Replicate delivery, which echoes the prediction's input
 * (the start frame inline). The signature is then checked over the raw bytes before anything is parsed.
 */
@ServerFilter("/v1/webhooks/**")
public class WebhookBodyGuard {

    public static final long MAX_WEBHOOK_BYTES = 8L * 1024 * 1024;

    @RequestFilter
    @Nullable
    public MutableHttpResponse<Problem> check(HttpRequest<?> request) {
        if (request.getHeaders().contains(HttpHeaders.TRANSFER_ENCODING)) {
            return Problems.response(HttpStatus.LENGTH_REQUIRED, "Length Required", List.of(new FieldError("Content-Length",
                    "is required for a webhook delivery; chunked bodies are refused")));
        }
        if (request.getContentLength() > MAX_WEBHOOK_BYTES) {
            return Problems.response(HttpStatus.REQUEST_ENTITY_TOO_LARGE, "Request Entity Too Large", List.of(new FieldError(
                    "body", "is " + request.getContentLength() + " bytes; a webhook delivery may be at most " + MAX_WEBHOOK_BYTES)));
        }
        return null;
    }
}
