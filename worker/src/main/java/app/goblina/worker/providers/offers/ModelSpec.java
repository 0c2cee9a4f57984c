package app.goblina.worker.providers.offers;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** {@code provider=model|model;provider=*}, read into models per provider. */
final class ModelSpec {

    private ModelSpec() {
    }

    static Map<String, Set<String>> parse(String property, String spec) {
        Map<String, Set<String>> models = new LinkedHashMap<>();
        for (String entry : spec.split(";")) {
            if (entry.isBlank()) {
                continue;
            }
            int equals = entry.indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException(property + ": '" + entry.strip() + "' is not provider=model|model");
            }
            Set<String> names = models.computeIfAbsent(entry.substring(0, equals).strip(), p -> new LinkedHashSet<>());
            for (String model : entry.substring(equals + 1).split("\\|")) {
                if (!model.isBlank()) {
                    names.add(model.strip());
                }
            }
        }
        return models;
    }
}
