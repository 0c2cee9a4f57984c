package app.goblina.testkit.fakes.video;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Faults queued per endpoint: each queued fault hits exactly one request to its endpoint, in order, so a test
 * says "the next create is rate limited, the one after succeeds". A request that finds nothing queued asks the
 * {@link #otherwise} source, if one is set. Thread-safe.
 *
 * @param <E> the fake's enum of endpoints
 */
public final class FaultPlan<E extends Enum<E>> {

    private final Map<E, Deque<Fault>> queued;
    private volatile FaultSource<E> otherwise;

    public FaultPlan(Class<E> endpoints) {
        this.queued = new EnumMap<>(endpoints);
    }

    public synchronized void add(E endpoint, Fault fault, int times) {
        Deque<Fault> faults = queued.computeIfAbsent(endpoint, e -> new ArrayDeque<>());
        for (int i = 0; i < times; i++) {
            faults.addLast(fault);
        }
    }

    /** Where faults come from once the queue of an endpoint is empty; null for none (the default). */
    public void otherwise(FaultSource<E> source) {
        this.otherwise = source;
    }

    /** The fault for this request to {@code endpoint}: taken off the queue, else from the {@link #otherwise} source. */
    public Optional<Fault> take(E endpoint) {
        Optional<Fault> fault = takeQueued(endpoint);
        FaultSource<E> source = otherwise;
        return fault.isPresent() || source == null ? fault : source.next(endpoint);
    }

    /**
     * The answer to this request to {@code endpoint}: the fault's reply when it replaces the normal one (so
     * {@code normal}, and whatever it does, never runs), else {@code normal}'s reply, delayed as the fault says.
     */
    public Reply answer(E endpoint, Supplier<Reply> normal) {
        Optional<Fault> fault = take(endpoint);
        if (fault.isPresent() && fault.get().replacement() != null) {
            return fault.get().applyTo(null);
        }
        Reply reply = normal.get();
        return fault.map(f -> f.applyTo(reply)).orElse(reply);
    }

    private synchronized Optional<Fault> takeQueued(E endpoint) {
        Deque<Fault> faults = queued.get(endpoint);
        return faults == null ? Optional.empty() : Optional.ofNullable(faults.pollFirst());
    }

    public synchronized void clear() {
        queued.clear();
    }
}
