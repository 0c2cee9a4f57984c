package app.goblina.testkit.fakes.llm;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * The HTTP half of every provider fake: a JDK server on a free loopback port that records each request and hands
 * it to the route for its method and path. Unknown routes answer 404. Each request runs on its own virtual thread,
 * so a reply told to wait blocks nobody else; closing the server interrupts those waits.
 */
public final class FakeHttpServer implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final Map<String, Function<RecordedRequest, FakeReply>> routes = new LinkedHashMap<>();
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private final Function<RecordedRequest, FakeReply> notFound;

    private FakeHttpServer(Function<RecordedRequest, FakeReply> notFound) {
        this.notFound = notFound;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("could not open a loopback port for a fake server", e);
        }
        server.setExecutor(executor);
        server.createContext("/", this::handle);
    }

    /**
     * A server with no routes yet; call {@link #route} then {@link #start}.
     *
     * @param notFound the reply, in the vendor's error shape, to a path the fake does not serve
     */
    public static FakeHttpServer create(Function<RecordedRequest, FakeReply> notFound) {
        return new FakeHttpServer(notFound);
    }

    /** Serves {@code method path} with {@code handler}. Call before {@link #start}. */
    public FakeHttpServer route(String method, String path, Function<RecordedRequest, FakeReply> handler) {
        routes.put(method.toUpperCase(Locale.ROOT) + " " + path, handler);
        return this;
    }

    public FakeHttpServer start() {
        server.start();
        return this;
    }

    /** {@code http://127.0.0.1:<port>}, without a trailing slash. */
    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Every request received so far, in order, including refused ones. */
    public List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    /** How many requests reached {@code path}, whatever the answer. */
    public int calls(String path) {
        return (int) requests.stream().filter(r -> r.path().equals(path)).count();
    }

    /** The requests that reached {@code path}, in order. */
    public List<RecordedRequest> requestsTo(String path) {
        return requests.stream().filter(r -> r.path().equals(path)).toList();
    }

    /** The last request that reached {@code path}. */
    public Optional<RecordedRequest> last(String path) {
        List<RecordedRequest> matching = requestsTo(path);
        return matching.isEmpty() ? Optional.empty() : Optional.of(matching.get(matching.size() - 1));
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            RecordedRequest request = record(exchange);
            requests.add(request);
            Function<RecordedRequest, FakeReply> route = routes.get(request.method() + " " + request.path());
            FakeReply reply;
            try {
                reply = (route == null ? notFound : route).apply(request);
            } catch (RuntimeException e) {
                // a mistake in a test's script (a path that does not exist, say): answer it loudly, not by hanging up
                e.printStackTrace();
                reply = FakeReply.bytes(500, "text/plain; charset=utf-8",
                        ("fake server failed: " + e).getBytes(StandardCharsets.UTF_8));
            }
            send(exchange, reply);
        } catch (InterruptedException e) {
            // the fake is closing while a reply waits: drop the connection
            Thread.currentThread().interrupt();
        }
    }

    private static RecordedRequest record(HttpExchange exchange) throws IOException {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) ->
                headers.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        return new RecordedRequest(exchange.getRequestMethod().toUpperCase(Locale.ROOT),
                exchange.getRequestURI().getPath(), headers, body);
    }

    private static void send(HttpExchange exchange, FakeReply reply) throws IOException, InterruptedException {
        sleep(reply.delay());
        reply.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        byte[] body = reply.body();
        if (reply.stallAfter() == null) {
            exchange.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
            return;
        }
        // chunked, so the client sees headers and the first half before the pause
        exchange.sendResponseHeaders(reply.status(), 0);
        try (OutputStream out = exchange.getResponseBody()) {
            int half = body.length / 2;
            out.write(body, 0, half);
            out.flush();
            sleep(reply.stallAfter());
            out.write(body, half, body.length - half);
        }
    }

    private static void sleep(Duration wait) throws InterruptedException {
        if (!wait.isZero()) {
            Thread.sleep(wait);
        }
    }
}
