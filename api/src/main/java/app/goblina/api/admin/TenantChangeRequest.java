package app.goblina.api.admin;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;

/** Body of {@code PATCH /admin/tenants/{tenant}}: the budget and limits to change; those left out stay. */
@Introspected
public record TenantChangeRequest(@Nullable Long dailyBudgetCents, @Nullable Integer requestsPerMinutePerKey,
        @Nullable Integer projectsInFlightMax, @Nullable Integer uploadsPerDayMax) {
}
