package app.goblina.api.admin;

import app.goblina.persistence.ApiKeyRow;
import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.UUID;

/**
 * An API key as the admin surface shows it: never the key, only its prefix. {@code state} is {@code live},
 * {@code revoked} or {@code expired}.
 */
@Introspected
public record KeyView(UUID id, UUID tenantId, String name, String prefix, String state, Instant createdAt,
        @Nullable Instant lastUsedAt, @Nullable Instant expiresAt, @Nullable Instant revokedAt) {

    static KeyView of(ApiKeyRow row, Instant now) {
        String state = row.revokedAt() != null ? "revoked" : row.refusedAt(now) ? "expired" : "live";
        return new KeyView(row.id(), row.tenantId(), row.label(), row.prefix(), state, row.createdAt(),
                row.lastUsedAt(), row.expiresAt(), row.revokedAt());
    }
}
