package app.goblina.persistence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

/**
 * A row of {@code api_keys}: only the key's SHA-256 is kept, with its prefix (its first characters) to tell it
 * apart. {@code label} is the key's name.
 */
@MappedEntity("api_keys")
public record ApiKeyRow(@Id UUID id, UUID tenantId, String keyHash, String label, String prefix, Instant createdAt,
        @Nullable Instant lastUsedAt, @Nullable Instant expiresAt, @Nullable Instant revokedAt) {

    /** Whether the key is refused now: revoked, or past its expiry. */
    public boolean refusedAt(Instant now) {
        return revokedAt != null || (expiresAt != null && !expiresAt.isAfter(now));
    }
}
