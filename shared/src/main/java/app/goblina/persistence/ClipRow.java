package app.goblina.persistence;

import app.goblina.domain.ClipStatus;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.DateCreated;
import io.micronaut.data.annotation.DateUpdated;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

/**
 * A row of {@code clips}: one generation for one scenario. A regenerated scene has a row per generation; the highest
 * is its current clip.
 */
@MappedEntity("clips")
public record ClipRow(
        @Id UUID id,
        UUID tenantId,
        UUID projectId,
        UUID scenarioId,
        String provider,
        String model,
        @Nullable String providerJobId,
        ClipStatus status,
        int progress,
        int attempts,
        int polls,
        long costCents,
        @Nullable String blobKey,
        @Nullable String failureReason,
        @Nullable Instant submitIntentAt,
        boolean ambiguous,
        int generation,
        @Nullable @DateCreated Instant createdAt,
        @Nullable @DateUpdated Instant updatedAt) {
}
