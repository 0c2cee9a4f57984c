package app.goblina.api.projects;

import app.goblina.api.problems.ApiException;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts the event streams each API key has open on this API process, so one key cannot hold every database
 * connection with streams that each re-read their project a few times a second. Counted in memory: a stream lives
 * on one process, and its slot is given back when it ends, however it ends.
 */
@Singleton
public class EventStreamSlots {

    private final int perKey;
    private final Map<UUID, Integer> open = new ConcurrentHashMap<>();

    public EventStreamSlots(ProjectEventsConfig config) {
        this.perKey = config.streamsPerKey();
    }

    /**
     * Takes a slot for the key; {@link #release} gives it back.
     *
     * @throws ApiException 429 naming {@code Authorization} when the key has all its streams open
     */
    public void acquire(UUID apiKeyId) {
        boolean[] taken = {false};
        open.compute(apiKeyId, (key, count) -> {
            int now = count == null ? 0 : count;
            if (now >= perKey) {
                return now;
            }
            taken[0] = true;
            return now + 1;
        });
        if (!taken[0]) {
            throw ApiException.tooManyRequests("Authorization", "this API key has " + perKey
                    + " event streams open, the most it may; close one first", Duration.ofSeconds(5));
        }
    }

    public void release(UUID apiKeyId) {
        open.computeIfPresent(apiKeyId, (key, count) -> count <= 1 ? null : count - 1);
    }

    /** How many streams the key has open now. */
    public int openFor(UUID apiKeyId) {
        return open.getOrDefault(apiKeyId, 0);
    }
}
