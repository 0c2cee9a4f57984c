package app.goblina.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import redis.embedded.RedisServer;

/**
 * A Redis server that belongs to one test, which may stop it and start it again on the same port, for fault tests
 * that take Redis away from running processes; never the shared server of {@link TestRedis}. It runs the binary
 * shipped by embedded-redis, bound to 127.0.0.1, without persistence (a restart starts empty, as after a crash of
 * a cache). Not thread-safe: one test drives it.
 */
public final class OwnRedis implements AutoCloseable {

    private final int port;
    private RedisServer server;

    private OwnRedis(int port) {
        this.port = port;
    }

    /** Starts a server on a free loopback port. */
    public static OwnRedis startOnFreePort() {
        OwnRedis redis = new OwnRedis(FreePort.pick());
        redis.start();
        return redis;
    }

    /** Starts the server again (or the first time) on the same port; blocks until it accepts connections. */
    public void start() {
        if (server != null) {
            throw new IllegalStateException("Redis on port " + port + " is already running");
        }
        try {
            RedisServer redis = RedisServer.newRedisServer()
                    .bind("127.0.0.1")
                    .port(port)
                    .setting("save \"\"")
                    .setting("appendonly no")
                    .build();
            redis.start();
            server = redis;
        } catch (IOException e) {
            throw new UncheckedIOException("Redis did not start on port " + port, e);
        }
    }

    /** Stops the server process this object started. */
    public void stop() {
        if (server == null) {
            return;
        }
        try {
            server.stop();
        } catch (IOException e) {
            throw new UncheckedIOException("Redis on port " + port + " did not stop", e);
        } finally {
            server = null;
        }
    }

    public boolean isRunning() {
        return server != null;
    }

    public int port() {
        return port;
    }

    /** {@code redis://127.0.0.1:<port>}. */
    public URI uri() {
        return URI.create("redis://127.0.0.1:" + port);
    }

    @Override
    public void close() {
        stop();
    }
}
