package app.goblina.testkit.fakes.video;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The generations a video fake has accepted, in the order they were created. A forgotten one (deleted, or past
 * the provider's retention) is no longer found, listed or announced, but still counts as created: it was paid
 * for. Thread-safe.
 *
 * @param <G> the vendor's generation type
 */
public final class Generations<G extends Generation> {

    private final Map<String, G> byId = new ConcurrentHashMap<>();
    private final List<String> order = new CopyOnWriteArrayList<>();
    private final Set<String> forgotten = ConcurrentHashMap.newKeySet();

    public void add(G generation) {
        byId.put(generation.id(), generation);
        order.add(generation.id());
    }

    /** The generation with {@code id}, or empty when there is none or it was forgotten. */
    public Optional<G> find(String id) {
        return forgotten.contains(id) ? Optional.empty() : Optional.ofNullable(byId.get(id));
    }

    /** From now on the generation is as good as gone. */
    public void forget(String id) {
        forgotten.add(id);
    }

    /** How many were ever created, forgotten ones included. */
    public int created() {
        return order.size();
    }

    /** The ones not forgotten, oldest first. */
    public List<G> oldestFirst() {
        return order.stream().filter(id -> !forgotten.contains(id)).map(byId::get).toList();
    }

    /** The ones not forgotten, newest first. */
    public List<G> newestFirst() {
        List<G> newest = new ArrayList<>(oldestFirst());
        Collections.reverse(newest);
        return newest;
    }
}
