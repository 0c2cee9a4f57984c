package app.goblina.worker.retries;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;

/**
 * How failed jobs are retried. Environment: {@code GOBLINA_RETRIES_FIRST_WAIT}, {@code GOBLINA_RETRIES_CEILING},
 * {@code GOBLINA_RETRIES_WORK}, {@code GOBLINA_RETRIES_RATE_LIMITED}, {@code GOBLINA_RETRIES_PROCESS_DEATHS},
 * {@code GOBLINA_RETRIES_HELD_BACK}.
 *
 * @param work          how often a job whose work failed (a provider's 429 or 5xx, a timeout, a database error) is
 *                      tried again before it fails for good and fails its record
 * @param rateLimited   how often a provider's 429 may send a job back: the provider asks us to wait, usually
 *                      saying how long, which is no sign of a broken call, so these are counted apart and allowed more
 * @param firstWait     the wait before the first retry; each later one waits three times longer (JobRunr's
 *                      exponential policy), plus up to a third more at random: 3 s, 9 s, 27 s ... about 18 minutes
 *                      over six retries, long enough to ride out a provider's bad quarter of an hour
 * @param ceiling       no retry waits longer than this, whatever a provider's Retry-After asks: a job should not
 *                      sleep for hours
 * @param processDeaths how often a job may be cut off by its worker dying (kill -9, OOM, a stopped job server)
 *                      before it counts as failed; these are not the job's fault, so they are counted apart
 * @param heldBack      how often our own shared rate limit may send a job back before it counts as failed: a busy
 *                      limit is waiting, not failing, but even waiting is bounded
 */
@ConfigurationProperties("goblina.retries")
public record RetryConfig(
        @Bindable(defaultValue = "6") @Min(0) @Max(100) int work,
        @Bindable(defaultValue = "30") @Min(0) @Max(1000) int rateLimited,
        @Bindable(defaultValue = "3s") @NotNull Duration firstWait,
        @Bindable(defaultValue = "10m") @NotNull Duration ceiling,
        @Bindable(defaultValue = "20") @Min(0) @Max(1000) int processDeaths,
        @Bindable(defaultValue = "500") @Min(0) @Max(100000) int heldBack) {
}
