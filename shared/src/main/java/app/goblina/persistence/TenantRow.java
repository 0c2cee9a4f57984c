package app.goblina.persistence;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

/**
 * A row of {@code tenants}: an account that owns API keys and everything made with them, with its daily budget and
 * the limits its clients meet.
 *
 * @param requestsPerMinutePerKey requests one key may make in a minute
 * @param projectsInFlightMax     projects not yet done, failed or cancelled that the tenant may have at once
 * @param uploadsPerDayMax        character uploads the tenant may make in a UTC day
 */
@MappedEntity("tenants")
public record TenantRow(@Id UUID id, String name, long dailyBudgetCents, int requestsPerMinutePerKey,
        int projectsInFlightMax, int uploadsPerDayMax, Instant createdAt) {
}
