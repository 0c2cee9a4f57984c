package app.goblina.jobs;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Deterministic job ids: the same record and step always give the same id, and JobRunr ignores an enqueue whose
 * id exists, so a retry, a duplicate webhook or the sweeper can never start a stage twice.
 */
public final class JobIds {

    private JobIds() {
    }

    public static UUID of(UUID recordId, String step) {
        return UUID.nameUUIDFromBytes((recordId + "/" + step).getBytes(StandardCharsets.UTF_8));
    }
}
