package app.goblina.api.projects;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * The project event streams' settings ({@code GET /v1/projects/{id}/events}), bound from {@code goblina.events.*}.
 * Environment: {@code GOBLINA_EVENTS_POLL_INTERVAL}, {@code GOBLINA_EVENTS_HEARTBEAT_INTERVAL}, {@code
 * GOBLINA_EVENTS_STREAMS_PER_KEY}.
 *
 * @param pollInterval      how often an open stream re-reads its project (one view's queries each time)
 * @param heartbeatInterval how long a stream may stay silent before it sends a comment line, so proxies keep it open
 * @param retry             the reconnection delay a stream asks clients for ({@code retry:})
 * @param streamsPerKey     how many streams one API key may have open on one API process; more answer 429
 */
@ConfigurationProperties("goblina.events")
public record ProjectEventsConfig(
        @Bindable(defaultValue = "400ms") Duration pollInterval,
        @Bindable(defaultValue = "15s") Duration heartbeatInterval,
        @Bindable(defaultValue = "3s") Duration retry,
        @Bindable(defaultValue = "4") int streamsPerKey) {

    public ProjectEventsConfig {
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("goblina.events.poll-interval must be positive, got " + pollInterval);
        }
        if (heartbeatInterval.isNegative() || heartbeatInterval.isZero()) {
            throw new IllegalArgumentException("goblina.events.heartbeat-interval must be positive, got " + heartbeatInterval);
        }
        if (streamsPerKey < 1) {
            throw new IllegalArgumentException("goblina.events.streams-per-key must be at least 1, got " + streamsPerKey);
        }
    }
}
