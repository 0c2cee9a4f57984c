package app.goblina.worker.cache;

import app.goblina.redis.RedisCommandsProvider;
import io.lettuce.core.api.sync.RedisCommands;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Results of paid calls by the hash of their inputs, so the same inputs never pay twice: a character analysis by
 * image hash and model, scenarios by a hash of the brief and model. Keys start with the tenant: one tenant's
 * results are never served to another. Redis failing means a miss, never an error.
 */
@Singleton
public class PaidResultCache {

    private static final Logger LOG = LoggerFactory.getLogger(PaidResultCache.class);
    /** Long enough to cover re-runs and retries of a campaign; short enough that stale models age out. */
    static final Duration TTL = Duration.ofDays(30);

    private final RedisCommandsProvider redis;

    public PaidResultCache(RedisCommandsProvider redis) {
        this.redis = redis;
    }

    public Optional<String> get(String key) {
        Optional<RedisCommands<String, String>> commands = redis.commands();
        if (commands.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(commands.get().get(key));
        } catch (RuntimeException e) {
            LOG.warn("Cache read failed ({}); calling the provider", e.getMessage());
            return Optional.empty();
        }
    }

    public void put(String key, String value) {
        redis.commands().ifPresent(commands -> {
            try {
                commands.setex(key, TTL.toSeconds(), value);
            } catch (RuntimeException e) {
                LOG.warn("Cache write failed ({}); the result is kept in PostgreSQL only", e.getMessage());
            }
        });
    }

    public static String analysisKey(java.util.UUID tenantId, String analyst, String model, String imageSha256) {
        return "goblina:cache:analysis:" + tenantId + ":" + analyst + ":" + model + ":" + imageSha256;
    }

    public static String scenariosKey(java.util.UUID tenantId, String writer, String model, String briefJson) {
        return "goblina:cache:scenarios:" + tenantId + ":" + writer + ":" + model + ":" + sha256(briefJson);
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
