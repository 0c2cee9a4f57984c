package app.goblina.worker.providers;

import app.goblina.analysis.CharacterAnalyst;
import app.goblina.clips.VideoGenerator;
import app.goblina.failures.PermanentFailure;
import app.goblina.narration.Narrator;
import app.goblina.providers.ProviderDefaults;
import app.goblina.scenarios.ScenarioWriter;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Finds the adapter for each port by name among the adapters this worker has. A clip records the name of the
 * generator that took it, so its polls go to the same one even if the default changes meanwhile.
 */
@Singleton
public class Providers {

    private final ProviderDefaults config;
    private final Map<String, CharacterAnalyst> analysts;
    private final Map<String, ScenarioWriter> writers;
    private final Map<String, VideoGenerator> generators;
    private final Map<String, Narrator> narrators;

    public Providers(ProviderDefaults config, List<CharacterAnalyst> analysts, List<ScenarioWriter> writers,
            List<VideoGenerator> generators, List<Narrator> narrators) {
        this.narrators = byName(narrators, Narrator::name);
        this.config = config;
        this.analysts = byName(analysts, CharacterAnalyst::name);
        this.writers = byName(writers, ScenarioWriter::name);
        this.generators = byName(generators, VideoGenerator::name);
        analyst();
        writer(config.writer());
        video(config.video());
    }

    public CharacterAnalyst analyst() {
        return pick(analysts, config.analyst(), "character analyst");
    }

    public ScenarioWriter writer(String name) {
        return pick(writers, name, "scenario writer");
    }

    public VideoGenerator video(String name) {
        return pick(generators, name, "video generator");
    }

    public Narrator narrator(String name) {
        return pick(narrators, name, "narrator");
    }

    /** The names of the video adapters this worker has. */
    public Set<String> videoNames() {
        return generators.keySet();
    }

    public Set<String> writerNames() {
        return writers.keySet();
    }

    /** The names of the narrators this worker has and can speak with now ({@link Narrator#available()}). */
    public Set<String> narratorNames() {
        return narrators.values().stream().filter(Narrator::available).map(Narrator::name)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static <T> Map<String, T> byName(List<T> adapters, Function<T, String> name) {
        return adapters.stream().collect(Collectors.toMap(name, Function.identity(), (a, b) -> a, TreeMap::new));
    }

    private static <T> T pick(Map<String, T> adapters, String name, String what) {
        T adapter = adapters.get(name);
        if (adapter == null) {
            throw new PermanentFailure("no " + what + " named '" + name + "' is configured on this worker (it has "
                    + String.join(", ", adapters.keySet()) + "); set its API key in the worker's environment");
        }
        return adapter;
    }
}
