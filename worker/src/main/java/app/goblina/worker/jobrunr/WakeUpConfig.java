package app.goblina.worker.jobrunr;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;

/**
 * How a worker hears of new work between JobRunr's polls. Environment: {@code GOBLINA_WORKER_WAKE_UP_ENABLED},
 * {@code GOBLINA_WORKER_WAKE_UP_SAFETY_EVERY}, {@code GOBLINA_WORKER_WAKE_UP_RECONNECT_MAX}.
 *
 * @param enabled      listen for the enqueuers' NOTIFY and onboard work at once; false leaves only JobRunr's poll
 *                     (GOBLINA_WORKER_POLL_INTERVAL), which is how stock JobRunr hands work over
 * @param safetyEvery  also look for work this often when no signal came, for signals lost (sent while this
 *                     worker was reconnecting, or never sent because the enqueuer's NOTIFY failed)
 * @param reconnectMax the longest wait between two attempts to listen again after the connection was lost
 */
@ConfigurationProperties("goblina.worker.wake-up")
public record WakeUpConfig(
        @Bindable(defaultValue = "true") boolean enabled,
        @Bindable(defaultValue = "500ms") @NotNull Duration safetyEvery,
        @Bindable(defaultValue = "10s") @NotNull Duration reconnectMax) {
}
