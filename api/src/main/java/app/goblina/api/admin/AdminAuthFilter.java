package app.goblina.api.admin;

import app.goblina.api.problems.Problem;
import app.goblina.api.problems.Problems;
import app.goblina.domain.FieldError;
import app.goblina.domain.TextRules;
import app.goblina.tenants.ApiKeys;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;

/**
 * {@code /admin/...} needs {@code Authorization: Bearer <admin key>}. The key is compared as SHA-256 digests with
 * {@link MessageDigest#isEqual}, whose time does not depend on where they differ. An optional {@code
 * X-Goblina-Operator} header names the person at the keyboard; the audit trail records it beside the key.
 */
@ServerFilter("/admin/**")
public class AdminAuthFilter implements Ordered {

    static final String OPERATOR_HEADER = "X-Goblina-Operator";
    private static final String PREFIX = "Bearer ";
    private static final int MAX_OPERATOR_LENGTH = 64;

    private final @Nullable byte[] expected;

    public AdminAuthFilter(AdminConfig config) {
        this.expected = config.key().map(AdminAuthFilter::digest).orElse(null);
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.order();
    }

    @RequestFilter
    @Nullable
    public MutableHttpResponse<Problem> authenticate(HttpRequest<?> request) {
        if (expected == null) {
            return Problems.response(HttpStatus.FORBIDDEN, "Forbidden", List.of(new FieldError("Authorization",
                    "the admin surface is off; set GOBLINA_ADMIN_API_KEY to turn it on")));
        }
        Optional<String> header = request.getHeaders().get(HttpHeaders.AUTHORIZATION, String.class);
        if (header.isEmpty() || !header.get().startsWith(PREFIX) || header.get().length() == PREFIX.length()) {
            return unauthorized("missing; send Authorization: Bearer <admin key>");
        }
        if (!MessageDigest.isEqual(expected, digest(header.get().substring(PREFIX.length()).strip()))) {
            return unauthorized("not the admin key");
        }
        String operator = request.getHeaders().get(OPERATOR_HEADER, String.class).map(String::strip).orElse("");
        if (!operator.isEmpty()) {
            Optional<String> problem = TextRules.problem(operator, MAX_OPERATOR_LENGTH);
            if (problem.isPresent()) {
                return Problems.response(HttpStatus.BAD_REQUEST, "Invalid request",
                        List.of(new FieldError(OPERATOR_HEADER, problem.get())));
            }
        }
        request.setAttribute(AdminActor.ATTRIBUTE, AdminActor.of(operator));
        return null;
    }

    private static byte[] digest(String key) {
        return ApiKeys.hash(key).getBytes(StandardCharsets.US_ASCII);
    }

    private static MutableHttpResponse<Problem> unauthorized(String reason) {
        return Problems.response(HttpStatus.UNAUTHORIZED, "Unauthorized", List.of(new FieldError("Authorization", reason)))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
    }
}
