package app.goblina.api.admin;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;

/**
 * Body of {@code POST /admin/tenants/{tenant}/keys}; may be empty.
 *
 * @param name          what the key is for, 1–64 characters (default {@code default})
 * @param expiresAt     when the key stops working, an ISO-8601 instant in the future
 * @param expiresInDays or the same as a number of days from now, 1–3650; not both
 */
@Introspected
public record NewKeyRequest(@Nullable String name, @Nullable String expiresAt, @Nullable Integer expiresInDays) {
}
