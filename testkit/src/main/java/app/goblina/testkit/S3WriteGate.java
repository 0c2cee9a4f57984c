package app.goblina.testkit;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A loopback relay in front of an S3-compatible server that can refuse writes for a while, as S3 does when it sheds
 * load: while {@link #refuseWrites() refusing}, every PUT and POST is answered by the gate itself with S3's own
 * {@code 503 SlowDown} error, and everything else is relayed. Point a client at {@link #endpoint()}.
 *
 * <p>Requests are relayed byte for byte, Host header included: AWS signature v4 signs the Host the client addressed
 * (the gate's), and the server behind checks the signature against the Host it receives, so an HTTP proxy that
 * rewrote Host would break every signature. The gate only reads each request's head to find its method and where
 * its body ends ({@code Content-Length} or chunked), so that requests on a kept-alive connection are told apart.
 * Responses are relayed unread. A refused request gets {@code Connection: close}; its body is read and dropped
 * first, unless the client waits for {@code 100 Continue} (the AWS SDK does for uploads), in which case the body
 * is never sent.
 *
 * <p>Limits, fine for a test: no pipelining (HTTP clients do not pipeline), and a relayed request with
 * {@code Expect: 100-continue} that the server answers without a 100 leaves that connection waiting for a body
 * until the client closes it.
 */
public final class S3WriteGate implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(S3WriteGate.class);
    private static final int MAX_HEAD_BYTES = 64 * 1024;
    private static final Set<String> WRITES = Set.of("PUT", "POST");

    private final InetSocketAddress upstream;
    private final ServerSocket listener;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger refused = new AtomicInteger();
    private final AtomicInteger relayed = new AtomicInteger();
    private volatile boolean refusing;
    private volatile boolean closed;

    private S3WriteGate(InetSocketAddress upstream, ServerSocket listener) {
        this.upstream = upstream;
        this.listener = listener;
    }

    /**
     * Starts a gate on a free loopback port, relaying to the plain-HTTP server at {@code endpoint}; it accepts
     * writes until told otherwise.
     */
    public static S3WriteGate inFrontOf(URI endpoint) {
        if (!"http".equals(endpoint.getScheme())) {
            throw new IllegalArgumentException("The gate relays plain HTTP only, not " + endpoint);
        }
        int port = endpoint.getPort() == -1 ? 80 : endpoint.getPort();
        try {
            ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            S3WriteGate gate = new S3WriteGate(new InetSocketAddress(endpoint.getHost(), port), listener);
            Thread acceptor = new Thread(gate::accept, "s3-write-gate-" + listener.getLocalPort());
            acceptor.setDaemon(true);
            acceptor.start();
            return gate;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the S3 gate", e);
        }
    }

    /** Where clients send requests: {@code http://127.0.0.1:<port>}. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + listener.getLocalPort());
    }

    /** From now on, PUT and POST are answered with 503 SlowDown. */
    public void refuseWrites() {
        refusing = true;
    }

    /** From now on, every request is relayed again. */
    public void acceptWrites() {
        refusing = false;
    }

    /** How many requests the gate answered with 503 SlowDown. */
    public int refused() {
        return refused.get();
    }

    /** How many requests the gate relayed to the server. */
    public int relayed() {
        return relayed.get();
    }

    @Override
    public void close() {
        closed = true;
        closeQuietly(listener);
        open.forEach(S3WriteGate::closeQuietly);
    }

    private void accept() {
        while (!closed) {
            try {
                Socket client = listener.accept();
                open.add(client);
                Thread.ofVirtual().name("s3-write-gate-connection").start(() -> serve(client));
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("The S3 gate stopped accepting connections: {}", e.toString());
                }
                return;
            }
        }
    }

    /** One client connection: its requests in turn, each relayed or refused. */
    private void serve(Socket client) {
        Socket server = null;
        try (client) {
            InputStream fromClient = new BufferedInputStream(client.getInputStream());
            OutputStream toServer = null;
            while (true) {
                RequestHead head = RequestHead.read(fromClient);
                if (head == null) {
                    return;
                }
                if (refusing && WRITES.contains(head.method)) {
                    if (!head.expectsContinue) {
                        head.copyBody(fromClient, OutputStream.nullOutputStream());
                    }
                    refuse(client, fromClient, head);
                    return;
                }
                if (server == null) {
                    server = connectUpstream(client);
                    toServer = new BufferedOutputStream(server.getOutputStream(), 16 * 1024);
                }
                toServer.write(head.bytes);
                // the head goes at once: a client that expects 100 Continue sends the body only after the answer
                toServer.flush();
                head.copyBody(fromClient, toServer);
                toServer.flush();
                relayed.incrementAndGet();
            }
        } catch (IOException e) {
            // the client or the server went away: so does the connection
        } finally {
            open.remove(client);
            if (server != null) {
                closeQuietly(server);
            }
        }
    }

    /** Connects to the server and starts relaying its responses to the client, unread. */
    private Socket connectUpstream(Socket client) throws IOException {
        Socket server = new Socket();
        open.add(server);
        server.connect(upstream, 5_000);
        Thread.ofVirtual().name("s3-write-gate-responses").start(() -> {
            try {
                InputStream fromServer = server.getInputStream();
                OutputStream toClient = client.getOutputStream();
                byte[] buffer = new byte[16 * 1024];
                for (int n; (n = fromServer.read(buffer)) != -1; ) {
                    toClient.write(buffer, 0, n);
                    toClient.flush();
                }
            } catch (IOException e) {
                // either side closed
            } finally {
                open.remove(server);
                closeQuietly(server);
                closeQuietly(client);
            }
        });
        return server;
    }

    /** S3's answer to a client sending too much: 503 with the SlowDown error document. */
    private void refuse(Socket client, InputStream fromClient, RequestHead head) throws IOException {
        OutputStream toClient = client.getOutputStream();
        String requestId = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong()).toUpperCase(Locale.ROOT);
        byte[] body = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message>"
                + "<Resource>" + xml(head.target) + "</Resource><RequestId>" + requestId + "</RequestId>"
                + "<HostId>goblina-s3-write-gate</HostId></Error>").getBytes(StandardCharsets.UTF_8);
        String response = "HTTP/1.1 503 Slow Down\r\n"
                + "Content-Type: application/xml\r\n"
                + "Content-Length: " + body.length + "\r\n"
                + "x-amz-request-id: " + requestId + "\r\n"
                + "Connection: close\r\n\r\n";
        toClient.write(response.getBytes(StandardCharsets.US_ASCII));
        toClient.write(body);
        toClient.flush();
        refused.incrementAndGet();
        LOG.info("S3 gate refused {} {} with 503 SlowDown", head.method, head.target);
        // a lingering close: closing with unread bytes would reset the connection, and the client could lose the answer
        client.shutdownOutput();
        client.setSoTimeout(2_000);
        try {
            fromClient.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            // the client did not close its side in time: the answer has been sent anyway
        }
    }

    private static String xml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static void closeQuietly(Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    /** The request line and headers of one request, as received, and how its body is framed. */
    private static final class RequestHead {
        final byte[] bytes;
        final String method;
        final String target;
        final long contentLength;
        final boolean chunked;
        final boolean expectsContinue;

        private RequestHead(byte[] bytes, String method, String target, long contentLength, boolean chunked,
                boolean expectsContinue) {
            this.bytes = bytes;
            this.method = method;
            this.target = target;
            this.contentLength = contentLength;
            this.chunked = chunked;
            this.expectsContinue = expectsContinue;
        }

        /** Null when the client closed the connection between requests. */
        static RequestHead read(InputStream in) throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int matched = 0;
            while (matched < 4) {
                int b = in.read();
                if (b == -1) {
                    if (head.size() == 0) {
                        return null;
                    }
                    throw new EOFException("connection closed inside a request head");
                }
                head.write(b);
                if (head.size() > MAX_HEAD_BYTES) {
                    throw new IOException("request head over " + MAX_HEAD_BYTES + " bytes");
                }
                matched = b == "\r\n\r\n".charAt(matched) ? matched + 1 : b == '\r' ? 1 : 0;
            }
            byte[] bytes = head.toByteArray();
            String[] lines = new String(bytes, StandardCharsets.ISO_8859_1).split("\r\n");
            String[] requestLine = lines[0].split(" ");
            if (requestLine.length < 3) {
                throw new IOException("not an HTTP request: " + lines[0]);
            }
            long contentLength = 0;
            boolean chunked = false;
            boolean expectsContinue = false;
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon <= 0) {
                    continue;
                }
                String name = lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT);
                String value = lines[i].substring(colon + 1).strip();
                switch (name) {
                    case "content-length" -> contentLength = Long.parseLong(value);
                    case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                    case "expect" -> expectsContinue = value.equalsIgnoreCase("100-continue");
                    default -> {
                    }
                }
            }
            return new RequestHead(bytes, requestLine[0].toUpperCase(Locale.ROOT), requestLine[1], contentLength,
                    chunked, expectsContinue);
        }

        /** Copies exactly this request's body, as framed, to {@code out}. */
        void copyBody(InputStream in, OutputStream out) throws IOException {
            if (chunked) {
                copyChunked(in, out);
            } else {
                copyExactly(in, out, contentLength);
            }
        }

        private static void copyChunked(InputStream in, OutputStream out) throws IOException {
            while (true) {
                String sizeLine = copyLine(in, out);
                int extension = sizeLine.indexOf(';');
                long size = Long.parseLong((extension < 0 ? sizeLine : sizeLine.substring(0, extension)).strip(), 16);
                if (size == 0) {
                    // trailers, then an empty line
                    while (!copyLine(in, out).isEmpty()) {
                        // copied
                    }
                    return;
                }
                copyExactly(in, out, size);
                copyLine(in, out);
            }
        }

        /** Copies one CRLF-terminated line and returns it without the CRLF. */
        private static String copyLine(InputStream in, OutputStream out) throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int previous = -1;
            while (true) {
                int b = in.read();
                if (b == -1) {
                    throw new EOFException("connection closed inside a chunked body");
                }
                out.write(b);
                if (previous == '\r' && b == '\n') {
                    byte[] bytes = line.toByteArray();
                    return new String(bytes, 0, bytes.length - 1, StandardCharsets.ISO_8859_1);
                }
                line.write(b);
                previous = b;
            }
        }

        private static void copyExactly(InputStream in, OutputStream out, long length) throws IOException {
            byte[] buffer = new byte[16 * 1024];
            long left = length;
            while (left > 0) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (n == -1) {
                    throw new EOFException("connection closed " + left + " bytes before the end of a body");
                }
                out.write(buffer, 0, n);
                left -= n;
            }
        }
    }
}
