package app.goblina.http;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * A {@code multipart/form-data} body (RFC 7578) built in memory, for the JDK's HTTP client, which has none: text
 * fields, and file parts with their Content-Type (Sora refuses an image part without one). In memory because the
 * largest part is an image of a few hundred kilobytes. Neither Micronaut's core nor the AWS SDK on this classpath
 * offers an encoder usable without a server or client stack.
 */
public final class MultipartForm {

    private final String boundary = "goblina-" + UUID.randomUUID();
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();

    public MultipartForm field(String name, String value) {
        write("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n");
        return this;
    }

    public MultipartForm file(String name, String filename, String contentType, byte[] content) {
        write("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\"" + filename
                + "\"\r\nContent-Type: " + contentType + "\r\n\r\n");
        body.writeBytes(content);
        write("\r\n");
        return this;
    }

    /** The value of the request's {@code Content-Type} header, boundary included. */
    public String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    /** The finished body, closing delimiter included; the form itself stays open for more parts. */
    public byte[] toByteArray() {
        ByteArrayOutputStream closed = new ByteArrayOutputStream(body.size() + boundary.length() + 6);
        closed.writeBytes(body.toByteArray());
        closed.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return closed.toByteArray();
    }

    private void write(String text) {
        body.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }
}
