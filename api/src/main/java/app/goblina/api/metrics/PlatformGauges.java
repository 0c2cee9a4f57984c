package app.goblina.api.metrics;

import app.goblina.persistence.CostEntryRepository;
import app.goblina.persistence.TenantCostToday;
import app.goblina.persistence.TenantRepository;
import app.goblina.persistence.TenantRow;
import io.micronaut.context.annotation.Context;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import jakarta.annotation.PreDestroy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.jobrunr.storage.JobStats;
import org.jobrunr.storage.StorageProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gauges of the whole platform's state, read from the database every few seconds by the API (they are the same
 * whichever process reads them, so only the API exports them; with several API replicas, take {@code max()}):
 * <ul>
 *   <li>{@code goblina_jobrunr_jobs{state}}: JobRunr's jobs by state, the queue depth the autoscaler reads
 *       ({@code enqueued}, {@code scheduled}, {@code processing}, {@code awaiting}, {@code failed});</li>
 *   <li>{@code goblina_cost_today_cents{tenant, state}}: today's (UTC) cost entries per tenant, reserved and
 *       settled;</li>
 *   <li>{@code goblina_tenant_daily_budget_cents{tenant}}: each tenant's daily budget.</li>
 * </ul>
 * The tenant label is the tenant's name, never its id.
 */
@Context
public class PlatformGauges {

    private static final Logger LOG = LoggerFactory.getLogger(PlatformGauges.class);
    private static final long REFRESH_SECONDS = 5;

    private final StorageProvider storage;
    private final CostEntryRepository costEntries;
    private final TenantRepository tenants;
    private final AtomicReference<JobStats> stats = new AtomicReference<>();
    private final MultiGauge costToday;
    private final MultiGauge budgets;
    private final ScheduledExecutorService refresher;
    /** The gauges' current values, held here: Micrometer holds a gauge's object only weakly. */
    private volatile List<Long> held = List.of();

    public PlatformGauges(MeterRegistry registry, StorageProvider storage, CostEntryRepository costEntries,
            TenantRepository tenants) {
        this.storage = storage;
        this.costEntries = costEntries;
        this.tenants = tenants;
        jobs(registry, "enqueued", JobStats::getEnqueued);
        jobs(registry, "scheduled", JobStats::getScheduled);
        jobs(registry, "processing", JobStats::getProcessing);
        jobs(registry, "awaiting", JobStats::getAwaiting);
        jobs(registry, "failed", JobStats::getFailed);
        jobs(registry, "succeeded", JobStats::getSucceeded);
        costToday = MultiGauge.builder("goblina.cost.today.cents")
                .description("Today's (UTC) cost entries per tenant, by state").register(registry);
        budgets = MultiGauge.builder("goblina.tenant.daily.budget.cents")
                .description("Each tenant's daily budget").register(registry);
        refresher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "platform-gauges");
            thread.setDaemon(true);
            return thread;
        });
        refresher.scheduleWithFixedDelay(this::refresh, 0, REFRESH_SECONDS, TimeUnit.SECONDS);
    }

    private void jobs(MeterRegistry registry, String state, java.util.function.Function<JobStats, Long> count) {
        Gauge.builder("goblina.jobrunr.jobs", stats, ref -> {
            JobStats now = ref.get();
            Long value = now == null ? null : count.apply(now);
            return value == null ? Double.NaN : value;
        }).description("JobRunr's jobs by state").tag("state", state).register(registry);
    }

    private void refresh() {
        try {
            stats.set(storage.getJobStats());
            List<Long> values = new ArrayList<>();
            List<MultiGauge.Row<?>> costs = new ArrayList<>();
            for (TenantCostToday cost : costEntries.costTodayByTenant()) {
                Long value = cost.cents();
                values.add(value);
                costs.add(MultiGauge.Row.of(Tags.of("tenant", cost.tenant(),
                        "state", cost.state().toLowerCase(java.util.Locale.ROOT)), value));
            }
            List<MultiGauge.Row<?>> budgetRows = new ArrayList<>();
            for (TenantRow tenant : tenants.findAll()) {
                Long value = tenant.dailyBudgetCents();
                values.add(value);
                budgetRows.add(MultiGauge.Row.of(Tags.of("tenant", tenant.name()), value));
            }
            held = values;
            costToday.register(costs, true);
            budgets.register(budgetRows, true);
        } catch (RuntimeException e) {
            LOG.debug("Could not refresh the platform gauges: {}", e.toString());
        }
    }

    @PreDestroy
    void stop() {
        refresher.shutdownNow();
    }
}
