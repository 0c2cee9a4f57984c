package app.goblina.worker.jobrunr;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * JobRunr's dashboard, served by one worker. Environment: {@code GOBLINA_DASHBOARD_ENABLED},
 * {@code GOBLINA_DASHBOARD_PORT}.
 *
 * @param enabled serve the dashboard from this worker
 * @param port    where; 8000 is JobRunr's usual port
 */
@ConfigurationProperties("goblina.dashboard")
public record DashboardConfig(
        @Bindable(defaultValue = "false") boolean enabled,
        @Bindable(defaultValue = "8000") @Min(1) @Max(65535) int port) {
}
