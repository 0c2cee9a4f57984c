package app.goblina.worker.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker's one Lettuce connection (thread-safe, shared by all job threads), opened on first use. When Redis
 * is not configured or cannot be reached, {@link #commands()} is empty and callers fall back; the connection is
 * retried on the next use, so Redis coming back is picked up without a restart.
 */
@Singleton
public class RedisCommandsProvider {

    private static final Logger LOG = LoggerFactory.getLogger(RedisCommandsProvider.class);

    private final RedisConfig config;
    private RedisClient client;
    private StatefulRedisConnection<String, String> connection;

    public RedisCommandsProvider(RedisConfig config) {
        this.config = config;
    }

    public synchronized Optional<RedisCommands<String, String>> commands() {
        if (!config.configured()) {
            return Optional.empty();
        }
        if (connection != null && connection.isOpen()) {
            return Optional.of(connection.sync());
        }
        try {
            if (client == null) {
                RedisURI uri = RedisURI.create(config.url());
                uri.setTimeout(config.timeout());
                client = RedisClient.create(uri);
            }
            connection = client.connect();
            connection.setTimeout(config.timeout());
            return Optional.of(connection.sync());
        } catch (RuntimeException e) {
            LOG.warn("Redis unreachable ({}); going on without it", e.getMessage());
            return Optional.empty();
        }
    }

    @PreDestroy
    public synchronized void close() {
        if (connection != null) {
            connection.close();
        }
        if (client != null) {
            client.shutdown();
        }
    }
}
