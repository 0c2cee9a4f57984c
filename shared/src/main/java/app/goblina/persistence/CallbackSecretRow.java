package app.goblina.persistence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

/**
 * A row of {@code callback_secrets}: the {@code whsec_…} secret a tenant's callbacks are signed with, and the one it
 * replaced, still signed with until {@code previousUntil} so receivers can switch without losing a delivery.
 * {@link #toString()} never shows a secret.
 */
@MappedEntity("callback_secrets")
public record CallbackSecretRow(
        @Id UUID tenantId,
        String secret,
        @Nullable String previousSecret,
        @Nullable Instant previousUntil,
        @Nullable Instant createdAt,
        @Nullable Instant rotatedAt) {

    @Override
    public String toString() {
        return "CallbackSecretRow[tenantId=" + tenantId + ", secret=****, previousUntil=" + previousUntil
                + ", createdAt=" + createdAt + ", rotatedAt=" + rotatedAt + "]";
    }
}
