package app.goblina.api.projects;

import app.goblina.api.limits.TenantQuotas;
import app.goblina.api.problems.ApiException;
import app.goblina.domain.FieldError;
import app.goblina.persistence.CostEntryRepository;
import app.goblina.persistence.ProjectRow;
import io.micronaut.http.HttpStatus;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Admits a project only while the tenant has fewer unfinished projects than its limit ({@link TenantQuotas}), and a
 * paid one only if its estimate fits in the tenant's daily budget next to what was spent or reserved
 * today and what the tenant's unfinished projects are still expected to cost. The check and the insert run in one
 * transaction holding the tenant's row lock, so parallel submissions are counted one after the other: four 40¢
 * projects against a 50¢ budget admit one.
 */
@Singleton
public class BudgetAdmission {

    private final CostEntryRepository entries;
    private final TenantQuotas quotas;

    public BudgetAdmission(CostEntryRepository entries, TenantQuotas quotas) {
        this.entries = entries;
        this.quotas = quotas;
    }

    @Transactional
    public ProjectRow admit(UUID tenantId, long estimateCents, Supplier<ProjectRow> insert) {
        // the tenant's row stays locked until the insert commits; its budget is read with the lock
        long budget = quotas.checkProjectsInFlight(tenantId).dailyBudgetCents();
        if (estimateCents > 0) {
            long committed = entries.spentToday(tenantId) + entries.outstandingOnOpenProjects(tenantId);
            if (committed + estimateCents > budget) {
                throw new ApiException(HttpStatus.PAYMENT_REQUIRED, "Daily budget exceeded", List.of(new FieldError("budget",
                        String.format("the daily budget of $%.2f would be exceeded: $%.2f spent, reserved or held by "
                                + "unfinished projects today, this needs $%.2f", budget / 100.0, committed / 100.0,
                                estimateCents / 100.0))));
            }
        }
        return insert.get();
    }
}
