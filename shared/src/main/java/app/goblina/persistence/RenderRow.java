package app.goblina.persistence;

import app.goblina.domain.RenderStatus;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.util.UUID;

/** A row of {@code renders}: the assembled short of a project. */
@MappedEntity("renders")
public record RenderRow(
        @Id UUID id,
        UUID tenantId,
        UUID projectId,
        RenderStatus status,
        @Nullable String blobKey,
        @Nullable String thumbnailKey,
        @Nullable Double durationSeconds,
        @Nullable Integer width,
        @Nullable Integer height) {
}
