package app.goblina.worker.limits;

import app.goblina.worker.limits.Limits.Limit;
import app.goblina.redis.FixedWindowCounter;
import app.goblina.redis.RedisCommandsProvider;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.sync.RedisCommands;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A rate limiter per provider and model, shared by every worker through Redis: requests per minute (a counter per
 * minute) and generations at once (a sorted set of holders whose scores are lease expiries). A job over a limit
 * is told when to come back and reschedules itself; no thread waits. A 429 from the provider halves the limits
 * for a while. Without Redis, or when it fails, the limiter grants: losing Redis must slow nothing down beyond
 * what the providers themselves then say with their 429s, which the jobs honour.
 */
@Singleton
public class ProviderRateLimiter {

    private static final Logger LOG = LoggerFactory.getLogger(ProviderRateLimiter.class);
    /** Takes or renews a slot for ARGV[4] unless all slots are held by live leases; answers 1 or 0. */
    private static final String TAKE_SLOT = """
            redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
            if redis.call('ZSCORE', KEYS[1], ARGV[4]) or redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[2]) then
              redis.call('ZADD', KEYS[1], ARGV[3], ARGV[4])
              redis.call('PEXPIRE', KEYS[1], ARGV[5])
              return 1
            end
            return 0""";
    private static final String DEFAULT_MODEL = "default";
    /** How long a job over the concurrency limit waits before it asks again. */
    static final Duration SLOT_RETRY = Duration.ofSeconds(10);

    private final RedisCommandsProvider redis;
    private final Limits limits;
    private final RateLimitConfig config;
    private final Clock clock;

    public ProviderRateLimiter(RedisCommandsProvider redis, RateLimitConfig config, Clock clock) {
        this.redis = redis;
        this.limits = new Limits(config.spec());
        this.config = config;
        this.clock = clock;
    }

    /** One request to the provider (a create, a poll, a download). */
    public Permit request(String provider, String model) {
        Limit limit = effective(provider, model);
        if (limit.perMinute() == 0) {
            return Permit.grant();
        }
        return withRedis(commands -> {
            long minute = clock.millis() / 60_000;
            if (!FixedWindowCounter.take(commands, key("rpm", provider, model) + ":" + minute, limit.perMinute(), 120_000)) {
                return Permit.deny(Duration.ofMillis((minute + 1) * 60_000 - clock.millis()));
            }
            return Permit.grant();
        });
    }

    /** A generation slot for {@code holder} (a clip id) plus its create request; renewing a held slot is free. */
    public Permit generation(String provider, String model, String holder) {
        Limit limit = effective(provider, model);
        if (limit.concurrent() > 0) {
            Permit slot = withRedis(commands -> {
                long now = clock.millis();
                Long taken = commands.eval(TAKE_SLOT, ScriptOutputType.INTEGER, new String[] {key("active", provider, model)},
                        String.valueOf(now), String.valueOf(limit.concurrent()), String.valueOf(now + config.lease().toMillis()),
                        holder, String.valueOf(config.lease().toMillis() * 2));
                return taken != null && taken == 1 ? Permit.grant() : Permit.deny(SLOT_RETRY);
            });
            if (!slot.granted()) {
                return slot;
            }
            Permit call = request(provider, model);
            if (!call.granted()) {
                // a clip that waits for the minute's requests must not sit on a slot meanwhile
                release(provider, model, holder);
            }
            return call;
        }
        return request(provider, model);
    }

    /** One concurrency slot as Redis holds it. */
    public record HeldSlot(String provider, String model, String holder) {
    }

    /** Every concurrency slot currently held, for every provider and model; empty without Redis. */
    public List<HeldSlot> heldSlots() {
        Optional<RedisCommands<String, String>> commands = redis.commands();
        if (commands.isEmpty()) {
            return List.of();
        }
        List<HeldSlot> held = new ArrayList<>();
        String prefix = "goblina:limits:active:";
        ScanCursor cursor = ScanCursor.INITIAL;
        do {
            KeyScanCursor<String> page = commands.get().scan(cursor, ScanArgs.Builder.matches(prefix + "*").limit(200));
            for (String key : page.getKeys()) {
                String rest = key.substring(prefix.length());
                int colon = rest.indexOf(':');
                if (colon < 0) {
                    continue;
                }
                String provider = rest.substring(0, colon);
                String model = rest.substring(colon + 1);
                for (String holder : commands.get().zrange(key, 0, -1)) {
                    held.add(new HeldSlot(provider, model, holder));
                }
            }
            cursor = page;
        } while (!cursor.isFinished());
        return held;
    }

    /** Frees {@code holder}'s slot: its generation finished, failed or was cancelled. */
    public void release(String provider, String model, String holder) {
        withRedis(commands -> {
            commands.zrem(key("active", provider, model), holder);
            return Permit.grant();
        });
    }

    /** The provider answered 429: halve its limits for the penalty period. */
    public void tighten(String provider, String model) {
        withRedis(commands -> {
            commands.psetex(key("penalty", provider, model), config.penalty().toMillis(), "1");
            return Permit.grant();
        });
        LOG.info("{} {} answered 429: limits halved for {}", provider, model, config.penalty());
    }

    private Limit effective(String provider, String model) {
        Limit limit = limits.of(provider, model);
        if (limit.perMinute() == 0 && limit.concurrent() == 0) {
            return limit;
        }
        boolean unpenalised = withRedis(commands -> commands.exists(key("penalty", provider, model)) > 0
                ? Permit.deny(Duration.ZERO) : Permit.grant()).granted();
        return unpenalised ? limit : limit.halved();
    }

    private Permit withRedis(java.util.function.Function<RedisCommands<String, String>, Permit> call) {
        Optional<RedisCommands<String, String>> commands = redis.commands();
        if (commands.isEmpty()) {
            return Permit.grant();
        }
        try {
            return call.apply(commands.get());
        } catch (RuntimeException e) {
            LOG.warn("Rate limiter could not reach Redis ({}); granting", e.getMessage());
            return Permit.grant();
        }
    }

    private static String key(String kind, String provider, String model) {
        return "goblina:limits:" + kind + ":" + provider + ":" + (model == null ? DEFAULT_MODEL : model);
    }
}
