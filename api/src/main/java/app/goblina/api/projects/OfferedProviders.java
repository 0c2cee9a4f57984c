package app.goblina.api.projects;

import app.goblina.persistence.WorkerOfferRepository;
import app.goblina.persistence.WorkerOfferRow;
import app.goblina.providers.KnownProviders;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The providers and models a project may name: what live workers advertise ({@code worker_offers}, rows younger
 * than {@link #LIVE_SECONDS} s), read at most every {@link #REFRESH} per API process. While no worker has
 * advertised anything (the API started first, or every worker is down) the names the platform knows are accepted,
 * so a project can be queued for workers that are on their way; once any worker is live, only what some live
 * worker offers is.
 */
@Singleton
public class OfferedProviders {

    static final int LIVE_SECONDS = 90;
    static final Duration REFRESH = Duration.ofSeconds(5);
    static final String ANY = "*";

    private final WorkerOfferRepository offers;
    private final Clock clock = Clock.systemUTC();
    private volatile Catalog cached;
    private volatile Instant readAt = Instant.MIN;

    public OfferedProviders(WorkerOfferRepository offers) {
        this.offers = offers;
    }

    /** What may be asked for now. */
    public Catalog catalog() {
        Instant now = clock.instant();
        Catalog current = cached;
        if (current == null || readAt.plus(REFRESH).isBefore(now)) {
            current = read();
            cached = current;
            readAt = now;
        }
        return current;
    }

    private Catalog read() {
        List<WorkerOfferRow> rows = offers.live(LIVE_SECONDS);
        if (rows.isEmpty()) {
            return Catalog.fallback();
        }
        Map<String, Map<String, Set<String>>> byKind = new LinkedHashMap<>();
        for (WorkerOfferRow row : rows) {
            Set<String> models = byKind.computeIfAbsent(row.kind(), k -> new TreeMap<>())
                    .computeIfAbsent(row.provider(), p -> new TreeSet<>());
            for (String model : row.models().split("\\|")) {
                if (!model.isBlank()) {
                    models.add(model);
                }
            }
        }
        return new Catalog(byKind, true);
    }

    /**
     * Providers per kind and the models of each.
     *
     * @param advertised false when no worker is live and the known names stand in
     */
    public record Catalog(Map<String, Map<String, Set<String>>> byKind, boolean advertised) {

        static Catalog fallback() {
            Map<String, Map<String, Set<String>>> known = new LinkedHashMap<>();
            known.put("video", anyModel(KnownProviders.VIDEO));
            known.put("llm", anyModel(KnownProviders.LLM));
            known.put("narration", anyModel(KnownProviders.NARRATION));
            return new Catalog(known, false);
        }

        private static Map<String, Set<String>> anyModel(List<String> names) {
            Map<String, Set<String>> providers = new TreeMap<>();
            names.forEach(name -> providers.put(name, Set.of(ANY)));
            return providers;
        }

        public Set<String> providers(String kind) {
            return byKind.getOrDefault(kind, Map.of()).keySet();
        }

        public boolean offersModel(String kind, String provider, String model) {
            Set<String> models = byKind.getOrDefault(kind, Map.of()).getOrDefault(provider, Set.of());
            return models.contains(ANY) || models.contains(model);
        }

        public Set<String> models(String kind, String provider) {
            return byKind.getOrDefault(kind, Map.of()).getOrDefault(provider, Set.of());
        }
    }
}
