package app.goblina.testkit.fakes.video;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Requests a fake received, per endpoint, answered or not: what a test asserts an adapter cost. Thread-safe.
 *
 * @param <E> the fake's enum of endpoints
 */
public final class EndpointCounts<E extends Enum<E>> {

    private final Map<E, AtomicInteger> counts;

    public EndpointCounts(Class<E> endpoints) {
        this.counts = new EnumMap<>(endpoints);
        for (E endpoint : endpoints.getEnumConstants()) {
            counts.put(endpoint, new AtomicInteger());
        }
    }

    public void add(E endpoint) {
        counts.get(endpoint).incrementAndGet();
    }

    public int of(E endpoint) {
        return counts.get(endpoint).get();
    }
}
