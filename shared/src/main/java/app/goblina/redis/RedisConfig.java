package app.goblina.redis;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;

/**
 * Redis, the coordinator of rate limits and the cache of paid results. Optional: without it limits are kept per
 * process and nothing is cached, and losing it loses no data. Environment: {@code REDIS_URL} (e.g.
 * {@code redis://127.0.0.1:6379}), {@code GOBLINA_REDIS_TIMEOUT}.
 *
 * @param url     where Redis is; empty means no Redis
 * @param timeout a Redis call slower than this counts as Redis being down: limits then fail open and the cache
 *                misses, so a sick Redis slows the pipeline instead of stopping it
 */
@ConfigurationProperties("goblina.redis")
public record RedisConfig(
        @Nullable String url,
        @Bindable(defaultValue = "500ms") @NotNull Duration timeout) {

    public boolean configured() {
        return url != null && !url.isBlank();
    }
}
