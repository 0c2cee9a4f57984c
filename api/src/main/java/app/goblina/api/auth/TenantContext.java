package app.goblina.api.auth;

import io.micronaut.http.HttpRequest;
import java.util.UUID;

/** Where the authenticated tenant of a request is kept between the filter and the controllers. */
public final class TenantContext {

    /** Request attribute holding the tenant's id, set by {@link BearerAuthFilter}. */
    public static final String TENANT_ID = "goblina.tenantId";

    private TenantContext() {
    }

    public static UUID tenantId(HttpRequest<?> request) {
        return request.getAttribute(TENANT_ID, UUID.class)
                .orElseThrow(() -> new IllegalStateException("No tenant on an authenticated route"));
    }
}
