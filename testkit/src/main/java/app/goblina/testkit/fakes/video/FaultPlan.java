package app.goblina.testkit.fakes.video;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * Faults queued per endpoint: each queued fault hits exactly one request to its endpoint, in order, so a test
 * says "the next create is rate limited, the one after succeeds". Thread-safe.
 *
 * @param <E> the fake's enum of endpoints
 */
public final class FaultPlan<E extends Enum<E>> {

    private final Map<E, Deque<Fault>> queued;

    public FaultPlan(Class<E> endpoints) {
        this.queued = new EnumMap<>(endpoints);
    }

    public synchronized void add(E endpoint, Fault fault, int times) {
        Deque<Fault> faults = queued.computeIfAbsent(endpoint, e -> new ArrayDeque<>());
        for (int i = 0; i < times; i++) {
            faults.addLast(fault);
        }
    }

    /** The fault for this request to {@code endpoint}, taken off the queue. */
    public synchronized Optional<Fault> take(E endpoint) {
        Deque<Fault> faults = queued.get(endpoint);
        return faults == null ? Optional.empty() : Optional.ofNullable(faults.pollFirst());
    }

    public synchronized void clear() {
        queued.clear();
    }
}
