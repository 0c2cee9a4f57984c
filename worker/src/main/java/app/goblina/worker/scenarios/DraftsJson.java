package app.goblina.worker.scenarios;

import app.goblina.domain.ScenarioDraft;
import app.goblina.scenarios.ScenarioBrief;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.List;

/** JSON forms of a brief (the cache key's input) and of drafts (the cached value). */
final class DraftsJson {

    /** Sorted keys: the same brief always hashes the same. */
    private static final ObjectMapper MAPPER = new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private DraftsJson() {
    }

    static String brief(ScenarioBrief brief) {
        return write(brief);
    }

    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Records always serialize", e);
        }
    }

    static List<ScenarioDraft> read(String json) {
        try {
            return MAPPER.readValue(json, new TypeReference<List<ScenarioDraft>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cached scenarios are not valid JSON", e);
        }
    }
}
