package app.goblina.testkit.fakes;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict {@code multipart/form-data} reader (RFC 7578) for the fakes and for tests of what a client sends: every
 * part needs a {@code Content-Disposition: form-data; name="…"}; file parts keep their filename and Content-Type.
 */
public final class MultipartParts {

    /**
     * One part.
     *
     * @param contentType the part's Content-Type, or null when it sent none
     * @param filename    the filename of a file part, or null for a plain field
     */
    public record Part(String name, String filename, String contentType, byte[] content) {

        public String text() {
            return new String(content, StandardCharsets.UTF_8);
        }
    }

    private static final Pattern BOUNDARY = Pattern.compile("boundary=(?:\"([^\"]+)\"|([^;\\s]+))");
    private static final Pattern NAME = Pattern.compile("(?:^|;)\\s*name=\"([^\"]*)\"");
    private static final Pattern FILENAME = Pattern.compile(";\\s*filename=\"([^\"]*)\"");

    private MultipartParts() {
    }

    /**
     * @throws IllegalArgumentException with a message fit for a 400 when the body is not well-formed multipart
     */
    public static List<Part> parse(String contentType, byte[] body) {
        Matcher boundaryMatch = contentType == null ? null : BOUNDARY.matcher(contentType);
        if (boundaryMatch == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")
                || !boundaryMatch.find()) {
            throw new IllegalArgumentException("expected multipart/form-data with a boundary");
        }
        String boundary = boundaryMatch.group(1) != null ? boundaryMatch.group(1) : boundaryMatch.group(2);
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.US_ASCII);
        List<Part> parts = new ArrayList<>();
        int at = indexOf(body, delimiter, 0);
        if (at < 0) {
            throw new IllegalArgumentException("multipart body has no boundary line");
        }
        while (true) {
            at += delimiter.length;
            if (startsWith(body, at, "--")) {
                return parts;
            }
            at = expect(body, at, "\r\n");
            int headersEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII), at);
            if (headersEnd < 0) {
                throw new IllegalArgumentException("multipart part without a blank line after its headers");
            }
            String headers = new String(body, at, headersEnd - at, StandardCharsets.UTF_8);
            int contentStart = headersEnd + 4;
            int next = indexOf(body, ("\r\n--" + boundary).getBytes(StandardCharsets.US_ASCII), contentStart);
            if (next < 0) {
                throw new IllegalArgumentException("multipart body is not closed by its boundary");
            }
            parts.add(part(headers, Arrays.copyOfRange(body, contentStart, next)));
            at = next + 2;
        }
    }

    public static Optional<Part> find(List<Part> parts, String name) {
        return parts.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    private static Part part(String headers, byte[] content) {
        String disposition = null;
        String type = null;
        for (String line : headers.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("malformed part header: " + line);
            }
            String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim();
            if (name.equals("content-disposition")) {
                disposition = value;
            } else if (name.equals("content-type")) {
                type = value;
            }
        }
        if (disposition == null || !disposition.toLowerCase(Locale.ROOT).startsWith("form-data")) {
            throw new IllegalArgumentException("a part lacks Content-Disposition: form-data");
        }
        Matcher name = NAME.matcher(disposition.substring("form-data".length()));
        if (!name.find()) {
            throw new IllegalArgumentException("a part has no name");
        }
        Matcher filename = FILENAME.matcher(disposition);
        return new Part(name.group(1), filename.find() ? filename.group(1) : null, type, content);
    }

    private static int expect(byte[] body, int at, String text) {
        if (!startsWith(body, at, text)) {
            throw new IllegalArgumentException("malformed multipart boundary line");
        }
        return at + text.length();
    }

    private static boolean startsWith(byte[] body, int at, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        if (at + bytes.length > body.length) {
            return false;
        }
        for (int i = 0; i < bytes.length; i++) {
            if (body[at + i] != bytes[i]) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(byte[] body, byte[] needle, int from) {
        outer:
        for (int i = from; i <= body.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (body[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
