package app.goblina.worker.callbacks;

import app.goblina.webhooks.CallbackUrlPolicy.Target;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * One HTTP/1.1 POST of a callback, to an address the callback policy checked a moment ago. A general HTTP client
 * would resolve the host name once more and could be sent elsewhere by a DNS answer that changed in between (DNS
 * rebinding); this one opens the socket to the checked address itself, then speaks TLS to it under the URL's host
 * name (SNI and certificate checked against that name, with the JDK's trusted roots). It follows no redirect,
 * reads the status line and headers of the answer (for {@code Retry-After}) and closes: the body is of no
 * interest. The whole exchange is bounded by {@code timeout}.
 */
final class CallbackPost {

    /** What the receiver answered. */
    record Answer(int status, Optional<Duration> retryAfter) {
    }

    private static final int MAX_LINE = 8 * 1024;
    private static final int MAX_HEADER_LINES = 100;
    private static final Pattern HEADER_VALUE = Pattern.compile("[\\x20-\\x7e]*");

    private CallbackPost() {
    }

    /**
     * Connects to the first of the target's addresses that accepts a connection and sends the request.
     *
     * @throws java.net.ConnectException when no address accepted a connection
     * @throws SocketTimeoutException    when the connection or the answer took too long
     * @throws SSLException              when the TLS handshake failed (an untrusted certificate, say)
     * @throws IOException               for any other failure of the connection or an answer that is not HTTP
     */
    static Answer send(Target target, Map<String, String> headers, byte[] body, Duration connectTimeout, Duration timeout)
            throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        IOException lastConnectFailure = null;
        for (InetAddress address : target.addresses()) {
            Socket socket = new Socket();
            try {
                socket.connect(new InetSocketAddress(address, target.port()), (int) Math.max(1, connectTimeout.toMillis()));
            } catch (IOException refused) {
                socket.close();
                lastConnectFailure = refused;
                continue;
            }
            try (Socket open = target.tls() ? tls(socket, target, deadline) : socket) {
                return exchange(open, target, headers, body, deadline);
            }
        }
        throw lastConnectFailure == null ? new IOException("no address to connect to") : lastConnectFailure;
    }

    private static Socket tls(Socket socket, Target target, long deadline) throws IOException {
        try {
            SSLSocket ssl = (SSLSocket) ((SSLSocketFactory) SSLSocketFactory.getDefault())
                    .createSocket(socket, target.host(), target.port(), true);
            SSLParameters parameters = ssl.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            String name = target.host().endsWith(".") ? target.host().substring(0, target.host().length() - 1) : target.host();
            if (!name.contains(":") && !name.chars().allMatch(c -> c == '.' || Character.isDigit(c))) {
                parameters.setServerNames(List.of(new SNIHostName(name)));
            }
            ssl.setSSLParameters(parameters);
            ssl.setSoTimeout(remainingMillis(deadline));
            ssl.startHandshake();
            return ssl;
        } catch (IllegalArgumentException notAName) {
            socket.close();
            throw new SSLException("the host name cannot be used for TLS", notAName);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    private static Answer exchange(Socket socket, Target target, Map<String, String> headers, byte[] body, long deadline)
            throws IOException {
        URI ascii = URI.create(target.uri().toASCIIString());
        String path = ascii.getRawPath() == null || ascii.getRawPath().isEmpty() ? "/" : ascii.getRawPath();
        if (ascii.getRawQuery() != null) {
            path += "?" + ascii.getRawQuery();
        }
        StringBuilder head = new StringBuilder()
                .append("POST ").append(path).append(" HTTP/1.1\r\n")
                .append("Host: ").append(ascii.getRawAuthority()).append("\r\n");
        headers.forEach((name, value) -> {
            if (!HEADER_VALUE.matcher(value).matches()) {
                throw new IllegalArgumentException("header " + name + " has a character HTTP does not allow");
            }
            head.append(name).append(": ").append(value).append("\r\n");
        });
        head.append("Content-Length: ").append(body.length).append("\r\n")
                .append("Connection: close\r\n\r\n");
        socket.setSoTimeout(remainingMillis(deadline));
        OutputStream out = socket.getOutputStream();
        out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();

        InputStream in = new BufferedInputStream(socket.getInputStream());
        while (true) {
            int status = status(readLine(socket, in, deadline));
            Optional<Duration> retryAfter = Optional.empty();
            for (int lines = 0; ; lines++) {
                String line = readLine(socket, in, deadline);
                if (line.isEmpty()) {
                    break;
                }
                if (lines == MAX_HEADER_LINES) {
                    throw new IOException("the receiver's answer has too many headers");
                }
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).strip().equalsIgnoreCase("Retry-After")) {
                    retryAfter = retryAfter(line.substring(colon + 1).strip());
                }
            }
            if (status >= 200) {
                return new Answer(status, retryAfter);
            }
            // 1xx: an interim answer (we sent no Expect, but a server may still say 100); the real one follows
        }
    }

    private static int status(String line) throws IOException {
        String[] parts = line.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.") || !parts[1].matches("[1-5][0-9][0-9]")) {
            throw new IOException("the receiver's answer is not HTTP/1.1");
        }
        return Integer.parseInt(parts[1]);
    }

    private static String readLine(Socket socket, InputStream in, long deadline) throws IOException {
        socket.setSoTimeout(remainingMillis(deadline));
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            int b = in.read();
            if (b == -1) {
                throw new IOException("the receiver closed the connection before answering");
            }
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
            }
            line.write(b);
            if (line.size() > MAX_LINE) {
                throw new IOException("the receiver's answer has a header line over " + MAX_LINE + " bytes");
            }
            if (System.nanoTime() > deadline) {
                throw new SocketTimeoutException("the receiver did not answer in time");
            }
        }
    }

    /** {@code Retry-After}: seconds, or an HTTP date. */
    static Optional<Duration> retryAfter(String value) {
        if (value.matches("[0-9]{1,9}")) {
            return Optional.of(Duration.ofSeconds(Long.parseLong(value)));
        }
        try {
            Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME.withLocale(Locale.ROOT)).toInstant();
            Duration wait = Duration.between(Instant.now(), at);
            return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
        } catch (DateTimeParseException notADate) {
            return Optional.empty();
        }
    }

    private static int remainingMillis(long deadline) throws SocketTimeoutException {
        long remaining = (deadline - System.nanoTime()) / 1_000_000;
        if (remaining <= 0) {
            throw new SocketTimeoutException("the receiver did not answer in time");
        }
        return (int) Math.min(Integer.MAX_VALUE, remaining);
    }
}
