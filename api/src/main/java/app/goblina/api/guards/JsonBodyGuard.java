package app.goblina.api.guards;

import app.goblina.api.problems.Problem;
import app.goblina.api.problems.Problems;
import app.goblina.domain.FieldError;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.FilterPatternStyle;
import io.micronaut.http.filter.ServerFilterPhase;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A body sent to a JSON endpoint must say {@code Content-Type: application/json} (UTF-8, the only charset JSON
 * has), must give its {@code Content-Length}, and may be at most {@link #MAX_JSON_BYTES}; otherwise it is refused
 * before a byte of it is read. The character upload (multipart) and provider webhooks (checked by signature first,
 * with caps of their own) are not JSON endpoints of ours.
 */
@ServerFilter(patterns = {"/v1/(?!characters$|webhooks/).*", "/admin/.*"}, patternStyle = FilterPatternStyle.REGEX)
public class JsonBodyGuard implements Ordered {

    /** Far above any honest project request (a few hundred bytes), far below anything that costs memory. */
    public static final long MAX_JSON_BYTES = 64 * 1024;

    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.after();
    }

    @RequestFilter
    @Nullable
    public MutableHttpResponse<Problem> check(HttpRequest<?> request) {
        HttpMethod method = request.getMethod();
        if (method != HttpMethod.POST && method != HttpMethod.PUT && method != HttpMethod.PATCH) {
            return null;
        }
        long length = request.getContentLength();
        boolean chunked = request.getHeaders().contains(HttpHeaders.TRANSFER_ENCODING);
        if (length <= 0 && !chunked) {
            return null;
        }
        Optional<MediaType> type = request.getContentType();
        if (type.isEmpty() || !isJson(type.get())) {
            return refuse(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Content-Type",
                    "must be application/json, was " + type.map(MediaType::toString).map(JsonBodyGuard::abbreviate).orElse("missing"));
        }
        if (chunked) {
            return refuse(HttpStatus.LENGTH_REQUIRED, "Content-Length", "is required for a JSON body; chunked bodies are refused");
        }
        if (length > MAX_JSON_BYTES) {
            return refuse(HttpStatus.REQUEST_ENTITY_TOO_LARGE, "body", "is " + length + " bytes; a JSON body may be at most "
                    + MAX_JSON_BYTES + " bytes");
        }
        return null;
    }

    private static boolean isJson(MediaType type) {
        if (!"application".equals(type.getType()) || !"json".equals(type.getSubtype())) {
            return false;
        }
        String charset = type.getParameters().get("charset").orElse("utf-8");
        return charset.toLowerCase(Locale.ROOT).equals("utf-8");
    }

    private static MutableHttpResponse<Problem> refuse(HttpStatus status, String field, String reason) {
        return Problems.response(status, status.getReason(), List.of(new FieldError(field, reason)));
    }

    private static String abbreviate(String value) {
        return value.length() <= 60 ? value : value.substring(0, 60) + "…";
    }
}
