package app.goblina.testkit.fakes.video;

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
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The HTTP half of every provider fake: a JDK server on a free loopback port whose routes are path patterns with
 * named groups ({@code /videos/(?<id>[^/]+)}), as the video contracts put ids in paths. Every request is recorded.
 * Each runs on its own virtual thread, so a reply told to wait blocks nobody else; closing interrupts those waits.
 */
public final class LoopbackServer implements AutoCloseable {

    private record Route(String method, Pattern path, Function<Received, Reply> handler) {
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final List<Route> routes = new ArrayList<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Function<Received, Reply> notFound;

    /**
     * @param notFound the answer, in the vendor's error shape, to a path no route serves
     */
    public LoopbackServer(Function<Received, Reply> notFound) {
        this.notFound = notFound;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("could not open a loopback port for a fake server", e);
        }
        server.setExecutor(executor);
        server.createContext("/", this::handle);
    }

    /** Serves requests whose method is {@code method} and whose whole path matches {@code pathPattern}. */
    public LoopbackServer route(String method, String pathPattern, Function<Received, Reply> handler) {
        routes.add(new Route(method.toUpperCase(Locale.ROOT), Pattern.compile(pathPattern), handler));
        return this;
    }

    public LoopbackServer start() {
        server.start();
        return this;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code http://127.0.0.1:<port>}, without a trailing slash. */
    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + port());
    }

    /** Every request received so far, in order, including refused ones. */
    public List<Received> received() {
        return List.copyOf(received);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
            String path = exchange.getRequestURI().getRawPath();
            Function<Received, Reply> handler = notFound;
            Matcher match = Pattern.compile("").matcher("");
            for (Route route : routes) {
                Matcher m = route.path().matcher(path);
                if (route.method().equals(method) && m.matches()) {
                    handler = route.handler();
                    match = m;
                    break;
                }
            }
            Received request = new Received(method, path, Received.parseQuery(exchange.getRequestURI().getRawQuery()),
                    headers(exchange), readBody(exchange), match);
            received.add(request);
            send(exchange, answer(handler, request));
        } catch (InterruptedException e) {
            // the fake is closing while a reply waits: drop the connection
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the client gave up (a timeout test): nothing to answer
        }
    }

    private static Reply answer(Function<Received, Reply> handler, Received request) {
        try {
            return handler.apply(request);
        } catch (RuntimeException e) {
            // a mistake in a fake or a test's script: answer it loudly, not by hanging up
            e.printStackTrace();
            return Reply.bytes(500, "text/plain; charset=utf-8", ("fake server failed: " + e).getBytes(StandardCharsets.UTF_8));
        }
    }

    private static Map<String, List<String>> headers(HttpExchange exchange) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
        return headers;
    }

    private static byte[] readBody(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            return in.readAllBytes();
        }
    }

    private static void send(HttpExchange exchange, Reply reply) throws IOException, InterruptedException {
        sleep(reply.delay());
        reply.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        if (reply.file() != null) {
            exchange.sendResponseHeaders(reply.status(), Files.size(reply.file()));
            try (OutputStream out = exchange.getResponseBody()) {
                Files.copy(reply.file(), out);
            }
            return;
        }
        byte[] body = reply.body();
        if (reply.stallAfter() != null) {
            sendStalling(exchange, reply.status(), body, reply.stallAfter());
            return;
        }
        exchange.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** Chunked, so the client sees the headers and the first half of the body before the pause. */
    private static void sendStalling(HttpExchange exchange, int status, byte[] body, Duration pause)
            throws IOException, InterruptedException {
        exchange.sendResponseHeaders(status, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            int half = body.length / 2;
            out.write(body, 0, half);
            out.flush();
            sleep(pause);
            out.write(body, half, body.length - half);
        }
    }

    private static void sleep(Duration wait) throws InterruptedException {
        if (!wait.isZero()) {
            Thread.sleep(wait);
        }
    }
}
