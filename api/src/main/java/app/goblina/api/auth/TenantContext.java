package app.goblina.api.auth;

import app.goblina.persistence.TenantRow;
import io.micronaut.http.HttpRequest;
import java.util.UUID;

/** Where the authenticated tenant and key of a request are kept between the filter and what runs after it. */
public final class TenantContext {

    /** Request attribute holding the tenant's id, set by {@link BearerAuthFilter}. */
    public static final String TENANT_ID = "goblina.tenantId";
    /** Request attribute holding the tenant's row (its budget and limits) as read for this request. */
    public static final String TENANT = "goblina.tenant";
    /** Request attribute holding the id of the API key the request came with. */
    public static final String API_KEY_ID = "goblina.apiKeyId";

    private TenantContext() {
    }

    public static UUID tenantId(HttpRequest<?> request) {
        return request.getAttribute(TENANT_ID, UUID.class)
                .orElseThrow(() -> new IllegalStateException("No tenant on an authenticated route"));
    }

    public static TenantRow tenant(HttpRequest<?> request) {
        return request.getAttribute(TENANT, TenantRow.class)
                .orElseThrow(() -> new IllegalStateException("No tenant on an authenticated route"));
    }

    public static UUID apiKeyId(HttpRequest<?> request) {
        return request.getAttribute(API_KEY_ID, UUID.class)
                .orElseThrow(() -> new IllegalStateException("No API key on an authenticated route"));
    }
}
