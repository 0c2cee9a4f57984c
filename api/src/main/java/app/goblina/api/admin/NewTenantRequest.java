package app.goblina.api.admin;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;

/**
 * Body of {@code POST /admin/tenants}. Only {@code name} is required; each limit left out takes its default.
 *
 * @param name                    1–64 characters, unique without regard to case
 * @param dailyBudgetCents        what the tenant may spend on paid providers in a UTC day (default 1000, $10)
 * @param requestsPerMinutePerKey requests one key may make in a minute (default 120)
 * @param projectsInFlightMax     unfinished projects at once (default 10)
 * @param uploadsPerDayMax        character uploads in a UTC day (default 200)
 */
@Introspected
public record NewTenantRequest(@Nullable String name, @Nullable Long dailyBudgetCents,
        @Nullable Integer requestsPerMinutePerKey, @Nullable Integer projectsInFlightMax,
        @Nullable Integer uploadsPerDayMax) {
}
