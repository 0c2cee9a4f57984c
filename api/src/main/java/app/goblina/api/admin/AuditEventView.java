package app.goblina.api.admin;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** An audit event as {@code GET /admin/audit} shows it; {@code detail} is the change, e.g. a limit's old and new value. */
@Introspected
public record AuditEventView(long id, Instant at, String actor, String action, @Nullable UUID tenantId,
        String subject, Map<String, Object> detail) {
}
