package app.goblina.api.auth;

import app.goblina.api.problems.Problem;
import app.goblina.api.problems.Problems;
import app.goblina.domain.FieldError;
import app.goblina.persistence.TenantRepository;
import app.goblina.persistence.TenantRow;
import app.goblina.tenants.ApiKeys;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.FilterPatternStyle;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.List;
import java.util.Optional;

/**
 * Every {@code /v1} call but a provider webhook ({@code /v1/webhooks/...}) needs {@code Authorization: Bearer <api
 * key>}. The key's hash picks the tenant; every query after that is scoped by it.
 */
// Provider webhooks carry no API key: their signature authenticates them (app.goblina.api.webhooks).
@ServerFilter(patterns = "/v1/(?!webhooks/).*", patternStyle = FilterPatternStyle.REGEX)
public class BearerAuthFilter {

    private static final String PREFIX = "Bearer ";

    private final TenantRepository tenants;

    public BearerAuthFilter(TenantRepository tenants) {
        this.tenants = tenants;
    }

    @RequestFilter
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Nullable
    public MutableHttpResponse<Problem> authenticate(HttpRequest<?> request) {
        Optional<String> header = request.getHeaders().get(HttpHeaders.AUTHORIZATION, String.class);
        if (header.isEmpty() || !header.get().startsWith(PREFIX) || header.get().length() == PREFIX.length()) {
            return unauthorized("missing; send Authorization: Bearer <api key>");
        }
        String key = header.get().substring(PREFIX.length()).trim();
        Optional<TenantRow> tenant = tenants.findByLiveKeyHash(ApiKeys.hash(key));
        if (tenant.isEmpty()) {
            return unauthorized("not a valid API key");
        }
        request.setAttribute(TenantContext.TENANT_ID, tenant.get().id());
        return null;
    }

    private static MutableHttpResponse<Problem> unauthorized(String reason) {
        return Problems.response(HttpStatus.UNAUTHORIZED, "Unauthorized", List.of(new FieldError("Authorization", reason)))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
    }
}
