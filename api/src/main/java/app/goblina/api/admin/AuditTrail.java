package app.goblina.api.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Writes and reads the audit trail. Writing joins the caller's transaction, so a change and its event land together. */
@Singleton
public class AuditTrail {

    private static final TypeReference<Map<String, Object>> DETAIL = new TypeReference<>() {
    };

    private final AuditEventRepository events;
    private final ObjectMapper json;

    public AuditTrail(AuditEventRepository events, ObjectMapper json) {
        this.events = events;
        this.json = json;
    }

    void record(AdminActor actor, String action, @Nullable UUID tenantId, String subject, Map<String, ?> detail) {
        try {
            events.insert(actor.name(), action, tenantId, subject, json.writeValueAsString(detail));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("An audit detail of plain values always serialises", e);
        }
    }

    List<AuditEventView> newestFirst(@Nullable UUID tenantId, int limit) {
        return events.newestFirst(tenantId, limit).stream().map(this::view).toList();
    }

    private AuditEventView view(AuditEventRow row) {
        try {
            return new AuditEventView(row.id(), row.at(), row.actor(), row.action(), row.tenantId(), row.subject(),
                    json.readValue(row.detail(), DETAIL));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("audit_events.detail is jsonb and always parses", e);
        }
    }
}
