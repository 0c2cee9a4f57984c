package app.goblina.launcher.client;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * A {@code multipart/form-data} request body (RFC 7578), built in memory: the JDK's HTTP client has no
 * multipart support and a character image is small.
 */
final class MultipartBody {

    private static final String CRLF = "\r\n";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String boundary;
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();

    /** A body with a random boundary, which cannot plausibly occur inside an image. */
    MultipartBody() {
        this(randomBoundary());
    }

    MultipartBody(String boundary) {
        this.boundary = boundary;
    }

    /** Adds a text field. */
    MultipartBody text(String name, String value) {
        write("--" + boundary + CRLF);
        write("Content-Disposition: form-data; name=\"" + quoted(name) + "\"" + CRLF);
        write("Content-Type: text/plain; charset=UTF-8" + CRLF);
        write(CRLF);
        write(value);
        write(CRLF);
        return this;
    }

    /** Adds a file field. */
    MultipartBody file(String name, String filename, String contentType, byte[] content) {
        write("--" + boundary + CRLF);
        write("Content-Disposition: form-data; name=\"" + quoted(name) + "\"; filename=\"" + quoted(filename)
                + "\"" + CRLF);
        write("Content-Type: " + contentType + CRLF);
        write(CRLF);
        body.writeBytes(content);
        write(CRLF);
        return this;
    }

    /** The value of the request's {@code Content-Type} header. */
    String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    String boundary() {
        return boundary;
    }

    /** The finished body, closing delimiter included. */
    byte[] toByteArray() {
        ByteArrayOutputStream finished = new ByteArrayOutputStream(body.size() + boundary.length() + 8);
        finished.writeBytes(body.toByteArray());
        finished.writeBytes(("--" + boundary + "--" + CRLF).getBytes(StandardCharsets.UTF_8));
        return finished.toByteArray();
    }

    private void write(String text) {
        body.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Escapes a header parameter value the way browsers do (HTML's form encoding): quotes and line breaks would
     * otherwise end the value or the header early.
     */
    private static String quoted(String value) {
        return value.replace("\"", "%22").replace("\r", "%0D").replace("\n", "%0A");
    }

    private static String randomBoundary() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return "goblina-" + HexFormat.of().formatHex(bytes);
    }
}
