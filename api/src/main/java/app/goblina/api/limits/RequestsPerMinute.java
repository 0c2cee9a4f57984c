package app.goblina.api.limits;

import app.goblina.redis.FixedWindowCounter;
import app.goblina.redis.RedisCommandsProvider;
import io.lettuce.core.api.sync.RedisCommands;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts an API key's requests in fixed minute windows (UTC minutes). The count lives in Redis under
 * {@code goblina:api:rpm:<key id>:<minute>}, so every API replica shares it; it expires with its minute. Without
 * Redis configured the count is this process's own. When Redis fails, the request is let through: a sick cache
 * must not take the API down with it.
 */
@Singleton
public class RequestsPerMinute {

    private static final Logger LOG = LoggerFactory.getLogger(RequestsPerMinute.class);
    private static final long MINUTE_MILLIS = 60_000;

    private final RedisCommandsProvider redis;
    private final Clock clock;
    private final ConcurrentHashMap<String, AtomicInteger> local = new ConcurrentHashMap<>();
    private volatile long localMinute = -1;
    private volatile long lastWarning;

    public RequestsPerMinute(RedisCommandsProvider redis, Clock clock) {
        this.redis = redis;
        this.clock = clock;
    }

    /**
     * Counts one request of {@code keyId} against {@code perMinute}.
     *
     * @return empty when the request may go on, else how long until the next minute opens
     */
    public Optional<Duration> take(UUID keyId, int perMinute) {
        long now = clock.millis();
        long minute = now / MINUTE_MILLIS;
        Duration untilNextMinute = Duration.ofMillis((minute + 1) * MINUTE_MILLIS - now);
        if (!redis.configured()) {
            return takeLocally(keyId, minute, perMinute) ? Optional.of(untilNextMinute) : Optional.empty();
        }
        Optional<RedisCommands<String, String>> commands = redis.commands();
        if (commands.isEmpty()) {
            warnAtMostOncePerMinute(now, "unreachable");
            return Optional.empty();
        }
        try {
            boolean counted = FixedWindowCounter.take(commands.get(), "goblina:api:rpm:" + keyId + ":" + minute, perMinute,
                    2 * MINUTE_MILLIS);
            return counted ? Optional.empty() : Optional.of(untilNextMinute);
        } catch (RuntimeException e) {
            warnAtMostOncePerMinute(now, e.getMessage());
            return Optional.empty();
        }
    }

    private boolean takeLocally(UUID keyId, long minute, int perMinute) {
        if (minute != localMinute) {
            synchronized (local) {
                if (minute != localMinute) {
                    local.clear();
                    localMinute = minute;
                }
            }
        }
        AtomicInteger count = local.computeIfAbsent(keyId.toString(), k -> new AtomicInteger());
        if (count.incrementAndGet() > perMinute) {
            count.decrementAndGet();
            return true;
        }
        return false;
    }

    private void warnAtMostOncePerMinute(long now, String why) {
        if (now - lastWarning >= MINUTE_MILLIS) {
            lastWarning = now;
            LOG.warn("Request limits could not reach Redis ({}); letting requests through", why);
        }
    }
}
