package app.goblina.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HealthProbeTest {

    private final AtomicInteger status = new AtomicInteger(200);
    private HttpServer server;

    @BeforeEach
    void startAServerAnsweringTheStatusSet() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/health", exchange -> {
            exchange.sendResponseHeaders(status.get(), -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void aHealthEndpointAnswering200PassesTheProbe() {
        assertThat(HealthProbe.probe(health())).isZero();
    }

    @Test
    void aHealthEndpointAnswering503FailsTheProbe() {
        status.set(503);

        assertThat(HealthProbe.probe(health())).isEqualTo(1);
    }

    @Test
    void nothingListeningFailsTheProbe() {
        int port = server.getAddress().getPort();
        server.stop(0);

        assertThat(HealthProbe.probe(URI.create("http://127.0.0.1:" + port + "/health"))).isEqualTo(1);
    }

    private URI health() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/health");
    }
}
