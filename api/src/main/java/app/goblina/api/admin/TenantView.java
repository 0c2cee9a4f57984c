package app.goblina.api.admin;

import app.goblina.persistence.TenantRow;
import io.micronaut.core.annotation.Introspected;
import java.time.Instant;
import java.util.UUID;

/** A tenant as the admin surface shows it. */
@Introspected
public record TenantView(UUID id, String name, long dailyBudgetCents, int requestsPerMinutePerKey,
        int projectsInFlightMax, int uploadsPerDayMax, Instant createdAt) {

    static TenantView of(TenantRow row) {
        return new TenantView(row.id(), row.name(), row.dailyBudgetCents(), row.requestsPerMinutePerKey(),
                row.projectsInFlightMax(), row.uploadsPerDayMax(), row.createdAt());
    }
}
