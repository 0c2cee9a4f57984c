package app.goblina.api.admin;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

/** A row of {@code audit_events}: who changed what, when. {@code detail} is JSON text. */
@MappedEntity("audit_events")
public record AuditEventRow(@Id long id, Instant at, String actor, String action, @Nullable UUID tenantId,
        String subject, String detail) {
}
