package app.goblina.testkit.fakes.video;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A seed gives the same faults in the same order per endpoint, at about the asked share of calls. */
class SeededFaultsTest {

    enum Endpoint { CREATE, GET }

    private static SeededFaults<Endpoint> faults(long seed) {
        return SeededFaults.builder(Endpoint.class, seed)
                .rate(0.3)
                .throttled(seconds -> Fault.replyWith(Reply.status(429).withHeader("Retry-After", Integer.toString(seconds))), 1, 2)
                .serverErrors(status -> Fault.replyWith(Reply.status(status)), List.of(500, 503))
                .timeout(Endpoint.CREATE, Duration.ofSeconds(3))
                .build();
    }

    private static List<String> draw(SeededFaults<Endpoint> faults, Endpoint endpoint, int calls) {
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            Optional<Fault> fault = faults.next(endpoint);
            seen.add(fault.map(f -> f.replacement() == null ? "late " + f.delay().toMillis()
                    : f.replacement().status() + " " + f.replacement().headers()).orElse("ok"));
        }
        return seen;
    }

    @Test
    void theSameSeedGivesTheSameFaultsPerEndpointHoweverCallsInterleave() {
        SeededFaults<Endpoint> first = faults(42);
        List<String> creates = draw(first, Endpoint.CREATE, 200);
        List<String> gets = draw(first, Endpoint.GET, 200);

        SeededFaults<Endpoint> second = faults(42);
        List<String> interleavedCreates = new ArrayList<>();
        List<String> interleavedGets = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            interleavedGets.addAll(draw(second, Endpoint.GET, 1));
            interleavedCreates.addAll(draw(second, Endpoint.CREATE, 1));
        }

        assertThat(interleavedCreates).isEqualTo(creates);
        assertThat(interleavedGets).isEqualTo(gets);
        assertThat(draw(faults(43), Endpoint.CREATE, 200)).isNotEqualTo(creates);
    }

    @Test
    void aboutTheAskedShareOfCallsFailsWithEveryKindTheEndpointHas() {
        SeededFaults<Endpoint> faults = faults(7);
        draw(faults, Endpoint.CREATE, 1000);
        draw(faults, Endpoint.GET, 1000);

        Map<SeededFaults.Kind, Integer> creates = faults.injected(Endpoint.CREATE);
        Map<SeededFaults.Kind, Integer> gets = faults.injected(Endpoint.GET);
        int createFaults = creates.values().stream().mapToInt(Integer::intValue).sum();
        assertThat(createFaults).isBetween(250, 350);
        assertThat(creates.get(SeededFaults.Kind.TIMEOUT)).isPositive();
        assertThat(creates.get(SeededFaults.Kind.THROTTLED)).isPositive();
        assertThat(creates.get(SeededFaults.Kind.SERVER_ERROR)).isPositive();
        // no timeout configured for GET: only throttling and server errors there
        assertThat(gets.get(SeededFaults.Kind.TIMEOUT)).isZero();
        assertThat(faults.calls()).isEqualTo(2000);
    }

    @Test
    void switchedOffItAnswersNormallyAndDrawsNothing() {
        SeededFaults<Endpoint> faults = faults(42);
        List<String> expected = draw(faults(42), Endpoint.CREATE, 50);
        faults.enable(false);
        assertThat(draw(faults, Endpoint.CREATE, 20)).containsOnly("ok");
        faults.enable(true);
        assertThat(draw(faults, Endpoint.CREATE, 50)).isEqualTo(expected);
    }

    @Test
    void aFaultPlanAsksTheSourceOnlyWhenNothingIsQueued() {
        FaultPlan<Endpoint> plan = new FaultPlan<>(Endpoint.class);
        Fault queued = Fault.replyWith(Reply.status(402));
        Fault fromSource = Fault.replyWith(Reply.status(503));
        plan.otherwise(endpoint -> Optional.of(fromSource));
        plan.add(Endpoint.CREATE, queued, 1);

        assertThat(plan.take(Endpoint.CREATE)).contains(queued);
        assertThat(plan.take(Endpoint.CREATE)).contains(fromSource);
        plan.otherwise(null);
        assertThat(plan.take(Endpoint.CREATE)).isEmpty();
    }
}
