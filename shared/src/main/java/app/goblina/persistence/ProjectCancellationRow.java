package app.goblina.persistence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

/** A row of {@code project_cancellations}: a cancel and whether it has reached the providers yet. */
@MappedEntity("project_cancellations")
public record ProjectCancellationRow(
        @Id UUID projectId,
        UUID tenantId,
        Instant requestedAt,
        @Nullable Instant carriedOutAt,
        @Nullable String note) {
}
