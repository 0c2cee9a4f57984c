package app.goblina.api.auth;

import app.goblina.persistence.TenantRepository;
import app.goblina.tenants.ApiKeys;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When {@code GOBLINA_BOOTSTRAP_API_KEY} is set (the embedded platform sets it), makes sure a development tenant
 * exists with that key, so a fresh install can be used at once. Running it again changes nothing, limits an
 * administrator has changed since included.
 *
 * <p>The development tenant is one person on their own machine, whose demo, scripts and benchmarks poll and submit
 * far faster than a production client should; it is made with limits such a user does not reach ({@code
 * goblina.bootstrap.*}: 60 000 requests a minute per key, 1 000 projects in flight, 10 000 uploads a day). Tenants
 * made with {@code ./goblina tenants create} get the production defaults (120, 10 and 200).
 */
@Singleton
@Requires(property = "goblina.bootstrap.api-key")
public class DevelopmentTenantBootstrap {

    /** Fixed, so restarts find the same tenant and its data. */
    static final UUID DEVELOPMENT_TENANT = UUID.fromString("00000000-0000-4000-8000-00000000de00");
    private static final Logger LOG = LoggerFactory.getLogger(DevelopmentTenantBootstrap.class);

    private final TenantRepository tenants;
    private final String apiKey;
    private final long dailyBudgetCents;
    private final int requestsPerMinutePerKey;
    private final int projectsInFlightMax;
    private final int uploadsPerDayMax;

    public DevelopmentTenantBootstrap(TenantRepository tenants, @Value("${goblina.bootstrap.api-key}") String apiKey,
            @Value("${goblina.bootstrap.daily-budget-cents:100000}") long dailyBudgetCents,
            @Value("${goblina.bootstrap.requests-per-minute-per-key:60000}") int requestsPerMinutePerKey,
            @Value("${goblina.bootstrap.projects-in-flight-max:1000}") int projectsInFlightMax,
            @Value("${goblina.bootstrap.uploads-per-day-max:10000}") int uploadsPerDayMax) {
        this.tenants = tenants;
        this.apiKey = apiKey;
        this.dailyBudgetCents = dailyBudgetCents;
        this.requestsPerMinutePerKey = requestsPerMinutePerKey;
        this.projectsInFlightMax = projectsInFlightMax;
        this.uploadsPerDayMax = uploadsPerDayMax;
    }

    @EventListener
    void onStartup(StartupEvent event) {
        tenants.insertIfAbsent(DEVELOPMENT_TENANT, "development", dailyBudgetCents, requestsPerMinutePerKey,
                projectsInFlightMax, uploadsPerDayMax);
        tenants.insertKeyIfAbsent(UUID.randomUUID(), DEVELOPMENT_TENANT, ApiKeys.hash(apiKey), "bootstrap");
        LOG.info("Development tenant ready");
    }
}
