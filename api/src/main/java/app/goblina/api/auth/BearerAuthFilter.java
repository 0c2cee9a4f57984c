package app.goblina.api.auth;

import app.goblina.api.limits.KeyRateLimit;
import app.goblina.api.problems.Problem;
import app.goblina.api.problems.Problems;
import app.goblina.domain.FieldError;
import app.goblina.persistence.ApiKeyRepository;
import app.goblina.persistence.ApiKeyRow;
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
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Every {@code /v1} call but a provider webhook ({@code /v1/webhooks/...}) needs {@code Authorization: Bearer <api
 * key>}. The key's hash picks the tenant; every query after that is scoped by it. A revoked or expired key is
 * refused from the database at each request, so a revocation holds at once on every replica. The key is found by
 * an index lookup of its SHA-256, never compared in the clear, so the time a lookup takes says nothing about the
 * key. A known key is then held to its tenant's requests per minute ({@link KeyRateLimit}).
 */
// Provider webhooks carry no API key: their signature authenticates them (app.goblina.api.webhooks).
@ServerFilter(patterns = "/v1/(?!webhooks/).*", patternStyle = FilterPatternStyle.REGEX)
public class BearerAuthFilter {

    private static final String PREFIX = "Bearer ";

    /** Longer than any key Goblina issues (45 characters) with room to spare; longer ones are refused unread. */
    private static final int MAX_KEY_LENGTH = 256;

    private final ApiKeyRepository keys;
    private final TenantRepository tenants;
    private final KeyRateLimit rateLimit;

    public BearerAuthFilter(ApiKeyRepository keys, TenantRepository tenants, KeyRateLimit rateLimit) {
        this.keys = keys;
        this.tenants = tenants;
        this.rateLimit = rateLimit;
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
        if (key.length() > MAX_KEY_LENGTH) {
            return unauthorized("not a valid API key");
        }
        Optional<ApiKeyRow> found = keys.findByKeyHash(ApiKeys.hash(key));
        if (found.isEmpty()) {
            return unauthorized("not a valid API key");
        }
        ApiKeyRow apiKey = found.get();
        if (apiKey.revokedAt() != null) {
            return unauthorized("this API key was revoked");
        }
        if (apiKey.refusedAt(Instant.now())) {
            return unauthorized("this API key expired at " + apiKey.expiresAt());
        }
        Optional<TenantRow> tenant = tenants.findById(apiKey.tenantId());
        if (tenant.isEmpty()) {
            return unauthorized("not a valid API key");
        }
        keys.touch(apiKey.id());
        request.setAttribute(TenantContext.TENANT_ID, tenant.get().id());
        request.setAttribute(TenantContext.TENANT, tenant.get());
        request.setAttribute(TenantContext.API_KEY_ID, apiKey.id());
        return rateLimit.check(apiKey.id(), tenant.get());
    }

    private static MutableHttpResponse<Problem> unauthorized(String reason) {
        return Problems.response(HttpStatus.UNAUTHORIZED, "Unauthorized", List.of(new FieldError("Authorization", reason)))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
    }
}
