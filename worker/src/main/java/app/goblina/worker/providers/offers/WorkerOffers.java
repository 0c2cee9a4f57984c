package app.goblina.worker.providers.offers;

import app.goblina.providers.ProviderDefaults;
import app.goblina.worker.providers.Providers;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * What this worker can serve, per kind ({@code video}, {@code llm}, {@code narration}): the adapters it has
 * (those whose key is set; for narration, those that can speak here, so {@code local} only where espeak-ng is
 * installed) and the models each may be asked for.
 */
@Singleton
public class WorkerOffers {

    static final String ANY = "*";

    private final Map<String, Map<String, Set<String>>> offers;

    public WorkerOffers(Providers providers, ProviderDefaults defaults, OffersConfig config) {
        Map<String, Set<String>> video = ModelSpec.parse("goblina.offers.video", config.video());
        Map<String, Set<String>> llm = ModelSpec.parse("goblina.offers.llm", config.llm());
        Map<String, Map<String, Set<String>>> all = new LinkedHashMap<>();
        all.put("video", models(providers.videoNames(), video, defaults.video(), defaults.videoModel()));
        all.put("llm", models(providers.writerNames(), llm, defaults.writer(), defaults.writerModel()));
        Map<String, Set<String>> narration = new LinkedHashMap<>();
        providers.narratorNames().forEach(name -> narration.put(name, Set.of(ANY)));
        all.put("narration", narration);
        this.offers = all;
    }

    /** Adapter name → models, for one kind. */
    public Map<String, Set<String>> of(String kind) {
        return offers.getOrDefault(kind, Map.of());
    }

    public Set<String> kinds() {
        return offers.keySet();
    }

    private static Map<String, Set<String>> models(Set<String> adapters, Map<String, Set<String>> spec,
            String defaultProvider, String defaultModel) {
        Map<String, Set<String>> offered = new LinkedHashMap<>();
        for (String adapter : adapters) {
            Set<String> models = new LinkedHashSet<>(spec.getOrDefault(adapter, Set.of()));
            if (adapter.equals(defaultProvider) && defaultModel != null) {
                models.add(defaultModel);
            }
            offered.put(adapter, models);
        }
        return offered;
    }
}
