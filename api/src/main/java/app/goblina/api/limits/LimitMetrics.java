package app.goblina.api.limits;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import java.util.Map;

/** {@code goblina_api_limited_requests_total{limit}}: requests refused by a tenant limit, by which limit. */
@Singleton
public class LimitMetrics {

    static final String REQUESTS_PER_MINUTE = "requests_per_minute";
    static final String PROJECTS_IN_FLIGHT = "projects_in_flight";
    static final String UPLOADS_PER_DAY = "uploads_per_day";

    private final Map<String, Counter> counters;

    public LimitMetrics(MeterRegistry registry) {
        // registered at start, so a dashboard shows 0 rather than "no data" before the first refusal
        counters = Map.of(REQUESTS_PER_MINUTE, counter(registry, REQUESTS_PER_MINUTE),
                PROJECTS_IN_FLIGHT, counter(registry, PROJECTS_IN_FLIGHT), UPLOADS_PER_DAY, counter(registry, UPLOADS_PER_DAY));
    }

    private static Counter counter(MeterRegistry registry, String limit) {
        return Counter.builder("goblina.api.limited.requests").description("Requests refused by a tenant limit")
                .tag("limit", limit).register(registry);
    }

    void refused(String limit) {
        counters.get(limit).increment();
    }
}
