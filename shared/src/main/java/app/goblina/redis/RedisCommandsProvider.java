package app.goblina.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A process's one Lettuce connection (thread-safe, shared by all threads), opened on first use. When Redis is not
 * configured or cannot be reached, {@link #commands()} is empty and callers fall back. A lost connection fails
 * commands at once instead of queueing them (so a Redis outage costs callers no waiting), Lettuce reconnects in
 * the background, and a connection that could not be opened is tried again on a use at least
 * {@link RedisConfig#timeout()} later, so Redis coming back is picked up without a restart and an API request
 * never pays more than one connect timeout for a Redis that is down.
 */
@Singleton
public class RedisCommandsProvider {

    private static final Logger LOG = LoggerFactory.getLogger(RedisCommandsProvider.class);

    private final RedisConfig config;
    private RedisClient client;
    private StatefulRedisConnection<String, String> connection;
    private long nextConnectAttemptNanos = Long.MIN_VALUE;

    public RedisCommandsProvider(RedisConfig config) {
        this.config = config;
    }

    /** Whether a Redis is configured at all, reachable or not. */
    public boolean configured() {
        return config.configured();
    }

    public synchronized Optional<RedisCommands<String, String>> commands() {
        if (!config.configured()) {
            return Optional.empty();
        }
        if (connection != null && connection.isOpen()) {
            return Optional.of(connection.sync());
        }
        long now = System.nanoTime();
        if (nextConnectAttemptNanos != Long.MIN_VALUE && now - nextConnectAttemptNanos < 0) {
            return Optional.empty();
        }
        try {
            if (client == null) {
                RedisURI uri = RedisURI.create(config.url());
                uri.setTimeout(config.timeout());
                client = RedisClient.create(uri);
                client.setOptions(ClientOptions.builder()
                        .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                        .socketOptions(SocketOptions.builder().connectTimeout(config.timeout()).build())
                        .build());
            }
            if (connection != null) {
                connection.close();
            }
            connection = client.connect();
            connection.setTimeout(config.timeout());
            nextConnectAttemptNanos = Long.MIN_VALUE;
            return Optional.of(connection.sync());
        } catch (RuntimeException e) {
            connection = null;
            nextConnectAttemptNanos = now + config.timeout().toNanos();
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
