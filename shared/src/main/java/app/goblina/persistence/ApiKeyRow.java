package app.goblina.persistence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

/** A row of {@code api_keys}: only the key's SHA-256 is kept. */
@MappedEntity("api_keys")
public record ApiKeyRow(@Id UUID id, UUID tenantId, String keyHash, String label, @Nullable Instant revokedAt) {
}
