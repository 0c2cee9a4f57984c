package app.goblina.worker.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import app.goblina.failures.RateLimited;
import app.goblina.failures.TransientFailure;
import app.goblina.worker.providers.http.FailureRules;
import app.goblina.worker.providers.http.ProviderHttp;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every exchange through {@link ProviderHttp} is counted by provider, model and outcome, over a real HTTP server
 * that answers 200, 429 with Retry-After, 503, or not at all within the timeout.
 */
class ProviderCallsAreCountedTest {

    private final String provider = "fake-" + System.nanoTime();
    private HttpServer server;
    private SimpleMeterRegistry registry;

    @BeforeEach
    void start() throws Exception {
        registry = new SimpleMeterRegistry();
        Metrics.addRegistry(registry);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/ok", exchange -> answer(exchange, 200));
        server.createContext("/busy", exchange -> {
            exchange.getResponseHeaders().add("Retry-After", "2");
            answer(exchange, 429);
        });
        server.createContext("/down", exchange -> answer(exchange, 503));
        server.createContext("/slow", exchange -> {
            try {
                Thread.sleep(1_500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            answer(exchange, 200);
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        Metrics.removeRegistry(registry);
    }

    @Test
    void eachAnswerIsCountedUnderItsProviderModelAndOutcome() {
        ProviderHttp http = new ProviderHttp(provider, Duration.ofSeconds(2), Clock.systemUTC());

        http.send(request("/ok"), HttpResponse.BodyHandlers.ofString(), FailureRules.standard(), "video-model-1");
        http.send(request("/ok"), HttpResponse.BodyHandlers.ofString(), FailureRules.standard());
        assertThat(catchThrowable(() -> http.send(request("/busy"), HttpResponse.BodyHandlers.ofString(),
                FailureRules.standard(), "video-model-1"))).isInstanceOf(RateLimited.class);
        assertThat(catchThrowable(() -> http.send(request("/down"), HttpResponse.BodyHandlers.ofString(),
                FailureRules.standard()))).isInstanceOf(TransientFailure.class);
        HttpRequest slow = HttpRequest.newBuilder(uri("/slow")).timeout(Duration.ofMillis(300)).GET().build();
        assertThat(catchThrowable(() -> http.send(slow, HttpResponse.BodyHandlers.ofString(), FailureRules.standard())))
                .isInstanceOf(TransientFailure.class);

        http.send(request("/ok"), HttpResponse.BodyHandlers.ofString(), FailureRules.standard(), Duration.ofSeconds(2),
                "speech-model-1");
        assertThat(catchThrowable(() -> http.send(request("/slow"), HttpResponse.BodyHandlers.ofString(),
                FailureRules.standard(), Duration.ofMillis(300), "speech-model-1")))
                .isInstanceOf(TransientFailure.class);

        assertThat(calls("video-model-1", "2xx")).isEqualTo(1);
        assertThat(calls("speech-model-1", "2xx")).as("a call bounded by a deadline").isEqualTo(1);
        assertThat(calls("speech-model-1", "timeout")).as("past its deadline").isEqualTo(1);
        assertThat(calls("none", "2xx")).isEqualTo(1);
        assertThat(calls("video-model-1", "429")).isEqualTo(1);
        assertThat(calls("none", "5xx")).isEqualTo(1);
        assertThat(calls("none", "timeout")).isEqualTo(1);
        assertThat(registry.get("goblina.provider.call").tag("provider", provider).timers())
                .as("timed by outcome").hasSize(4);
    }

    private double calls(String model, String outcome) {
        Counter counter = registry.find("goblina.provider.calls").tag("provider", provider).tag("model", model)
                .tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    private HttpRequest request(String path) {
        return HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(2)).GET().build();
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    private static void answer(com.sun.net.httpserver.HttpExchange exchange, int status) throws java.io.IOException {
        byte[] body = "{}".getBytes();
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }
}
