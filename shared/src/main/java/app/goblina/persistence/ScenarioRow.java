package app.goblina.persistence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.MappedProperty;
import java.util.UUID;

/** A row of {@code scenarios}: one beat of a project, in order of {@code index}. */
@MappedEntity("scenarios")
public record ScenarioRow(
        @Id UUID id,
        UUID tenantId,
        UUID projectId,
        @MappedProperty("idx") int index,
        String title,
        String action,
        String caption,
        String prompt,
        int seconds,
        @Nullable String narrationKey,
        @Nullable String narrationStatus,
        int generation) {
}
