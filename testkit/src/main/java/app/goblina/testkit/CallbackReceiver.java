package app.goblina.testkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A client's webhook receiver, as an n8n or Zapier flow would run one: a real HTTP server (the JDK's) on loopback
 * that records every POST it gets and answers with the statuses it was told to, one per request, then 200. Its
 * signature check follows the Standard Webhooks text on its own, without the application's code, so a shared
 * misreading cannot make both sides agree.
 */
public final class CallbackReceiver implements AutoCloseable {

    /**
     * One request as received, with the status it was answered.
     *
     * @param signatures the {@code webhook-signature} header: space-separated {@code v1,<base64>} entries
     */
    public record Received(String method, String path, String webhookId, String timestamp, String signatures,
            String contentType, String body, int answered, Instant at) {

        /** Whether one of the signatures is the HMAC-SHA256 of {@code id.timestamp.body} with {@code secret}. */
        public boolean signedWith(String secret) {
            if (webhookId == null || timestamp == null || signatures == null) {
                return false;
            }
            byte[] expected = hmac(secret, webhookId + "." + timestamp + "." + body);
            for (String entry : signatures.split(" ")) {
                if (entry.startsWith("v1,")) {
                    byte[] given;
                    try {
                        given = Base64.getDecoder().decode(entry.substring(3));
                    } catch (IllegalArgumentException notBase64) {
                        continue;
                    }
                    if (MessageDigest.isEqual(given, expected)) {
                        return true;
                    }
                }
            }
            return false;
        }

        /** How many {@code v1} signatures the request carried. */
        public int signatureCount() {
            return signatures == null ? 0 : (int) java.util.Arrays.stream(signatures.split(" "))
                    .filter(s -> s.startsWith("v1,")).count();
        }

        private static byte[] hmac(String secret, String content) {
            String encoded = secret.startsWith("whsec_") ? secret.substring("whsec_".length()) : secret;
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(Base64.getDecoder().decode(encoded), "HmacSHA256"));
                return mac.doFinal(content.getBytes(StandardCharsets.UTF_8));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Deque<Integer> answers = new ArrayDeque<>();

    private CallbackReceiver(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(2, r -> {
            Thread thread = new Thread(r, "callback-receiver");
            thread.setDaemon(true);
            return thread;
        }));
        server.start();
    }

    /** A receiver on a free loopback port. */
    public static CallbackReceiver start() {
        return startOn(0);
    }

    /** A receiver on {@code port}, e.g. one that was down and comes back where it was. */
    public static CallbackReceiver startOn(int port) {
        try {
            return new CallbackReceiver(port);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the callback receiver on port " + port, e);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code http://127.0.0.1:<port><path>}. */
    public URI url(String path) {
        return URI.create("http://127.0.0.1:" + port() + path);
    }

    /** The next requests are answered with these statuses, in turn; later ones with 200. */
    public synchronized void answer(int... statuses) {
        for (int status : statuses) {
            answers.addLast(status);
        }
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    /** The requests answered with a 2xx. */
    public List<Received> accepted() {
        return received.stream().filter(r -> r.answered() >= 200 && r.answered() < 300).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        int status;
        synchronized (this) {
            status = answers.isEmpty() ? 200 : answers.removeFirst();
        }
        received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
                exchange.getRequestHeaders().getFirst("webhook-id"), exchange.getRequestHeaders().getFirst("webhook-timestamp"),
                exchange.getRequestHeaders().getFirst("webhook-signature"), exchange.getRequestHeaders().getFirst("Content-Type"),
                new String(body, StandardCharsets.UTF_8), status, Instant.now()));
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
