package app.goblina.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import org.testcontainers.containers.GenericContainer;
import redis.embedded.RedisServer;

/**
 * A real Redis server for tests. Tests that share it must keep to their own keys (for example a random prefix).
 *
 * <p>The server is found once per JVM, in the order of {@link ServerSource}: the one at {@code GOBLINA_TEST_REDIS_URL}
 * (e.g. {@code redis://127.0.0.1:6379}), else a {@code redis:7-alpine} container, else the Redis binary shipped by
 * embedded-redis, on a free loopback port.
 *
 * <p>Both methods block: the first call may start a server.
 */
public final class TestRedis {

    static final String URL_VARIABLE = "GOBLINA_TEST_REDIS_URL";
    private static final String IMAGE = "redis:7-alpine";
    private static final int REDIS_PORT = 6379;

    private TestRedis() {
    }

    /** The server's address as {@code redis://host:port}. */
    public static URI uri() {
        return Server.INSTANCE.uri;
    }

    /** Which server is used, for logs. */
    public static String describe() {
        return Server.INSTANCE.description;
    }

    /** Starts or finds the server on first use only. */
    private record Server(URI uri, String description) {
        static final Server INSTANCE = find();

        private static Server find() {
            return switch (ServerSource.choose(URL_VARIABLE)) {
                case ENVIRONMENT -> {
                    URI uri = URI.create(ServerSource.environment(URL_VARIABLE).orElseThrow());
                    yield new Server(uri, "Redis from " + URL_VARIABLE + " at " + uri);
                }
                case TESTCONTAINERS -> inContainer();
                case EMBEDDED -> embedded();
            };
        }

        @SuppressWarnings("resource") // Testcontainers' reaper removes the container when the JVM exits.
        private static Server inContainer() {
            GenericContainer<?> container = new GenericContainer<>(IMAGE).withExposedPorts(REDIS_PORT);
            container.start();
            URI uri = URI.create("redis://" + container.getHost() + ":" + container.getMappedPort(REDIS_PORT));
            return new Server(uri, "Redis in a Testcontainers " + IMAGE + " container at " + uri);
        }

        private static Server embedded() {
            int port = FreePort.pick();
            try {
                RedisServer redis = RedisServer.newRedisServer().bind("127.0.0.1").port(port).build();
                redis.start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(redis), "goblina-test-redis-stop"));
            } catch (IOException e) {
                throw new UncheckedIOException("Could not start the embedded Redis", e);
            }
            URI uri = URI.create("redis://127.0.0.1:" + port);
            return new Server(uri, "embedded Redis at " + uri);
        }

        private static void stop(RedisServer redis) {
            try {
                redis.stop();
            } catch (IOException e) {
                // The JVM is exiting; the server process dies with it either way.
            }
        }
    }
}
