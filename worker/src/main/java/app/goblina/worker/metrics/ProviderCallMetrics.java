package app.goblina.worker.metrics;

import io.micronaut.context.annotation.Context;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import jakarta.annotation.PreDestroy;
import java.time.Duration;

/**
 * Calls to AI providers: {@code goblina_provider_calls_total{provider, model, outcome}} and
 * {@code goblina_provider_call_seconds{provider, outcome}} (a histogram, for latency percentiles), outcome one of
 * {@code 2xx}, {@code 3xx}, {@code 4xx}, {@code 429}, {@code 5xx}, {@code timeout}, {@code error}.
 *
 * <p>The provider HTTP layer is plain Java built by each adapter, not a bean, so it records through Micrometer's
 * global registry ({@link Metrics#globalRegistry}), the library's way for code without injection; this bean adds
 * the worker's registry to it for the life of the worker.
 */
@Context
public class ProviderCallMetrics {

    /** From a quick status poll to a long model call or a video download. */
    private static final Duration[] CALL_BUCKETS = {
        Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
        Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10),
        Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofSeconds(120)};

    private final MeterRegistry registry;

    public ProviderCallMetrics(MeterRegistry registry) {
        this.registry = registry;
        Metrics.addRegistry(registry);
    }

    /** Records one exchange; {@code model} may be null when the call names none (a status poll, a download). */
    public static void record(String provider, String model, String outcome, Duration took) {
        Counter.builder("goblina.provider.calls").description("HTTP calls to AI providers, by answer")
                .tag("provider", provider).tag("model", model == null ? "none" : model).tag("outcome", outcome)
                .register(Metrics.globalRegistry).increment();
        Timer.builder("goblina.provider.call").description("How long HTTP calls to AI providers took")
                .tag("provider", provider).tag("outcome", outcome).serviceLevelObjectives(CALL_BUCKETS)
                .register(Metrics.globalRegistry).record(took);
    }

    /** The outcome label of an HTTP status. */
    public static String outcome(int status) {
        if (status == 429) {
            return "429";
        }
        return switch (status / 100) {
            case 2 -> "2xx";
            case 3 -> "3xx";
            case 4 -> "4xx";
            case 5 -> "5xx";
            default -> "error";
        };
    }

    @PreDestroy
    void stop() {
        Metrics.removeRegistry(registry);
    }
}
