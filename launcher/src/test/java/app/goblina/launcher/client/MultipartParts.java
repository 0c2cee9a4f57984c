package app.goblina.launcher.client;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A strict reader of {@code multipart/form-data} for tests, written from RFC 7578 / RFC 2046 independently of
 * {@link MultipartBody}: delimiters are CRLF "--" boundary, the body ends with "--" boundary "--".
 */
final class MultipartParts {

    /** One part: its headers (names lower-cased) and its exact bytes. */
    record Part(Map<String, String> headers, byte[] content) {
        String text() {
            return new String(content, StandardCharsets.UTF_8);
        }
    }

    private MultipartParts() {
    }

    static List<Part> parse(byte[] body, String boundary) {
        byte[] first = ("--" + boundary + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
        byte[] delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        if (!Arrays.equals(Arrays.copyOf(body, first.length), first)) {
            throw new AssertionError("body does not start with the boundary line");
        }
        List<Part> parts = new ArrayList<>();
        int position = first.length;
        while (true) {
            int end = indexOf(body, delimiter, position);
            if (end < 0) {
                throw new AssertionError("part without a closing delimiter");
            }
            parts.add(part(Arrays.copyOfRange(body, position, end)));
            int after = end + delimiter.length;
            String tail = new String(body, after, Math.min(4, body.length - after), StandardCharsets.ISO_8859_1);
            if (tail.equals("--\r\n") && after + 4 == body.length) {
                return parts;
            }
            if (!tail.startsWith("\r\n")) {
                throw new AssertionError("delimiter not followed by CRLF or the closing --: " + tail);
            }
            position = after + 2;
        }
    }

    private static Part part(byte[] bytes) {
        byte[] blank = "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
        int split = indexOf(bytes, blank, 0);
        if (split < 0) {
            throw new AssertionError("part without a blank line after its headers");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line : new String(bytes, 0, split, StandardCharsets.UTF_8).split("\r\n")) {
            int colon = line.indexOf(':');
            headers.put(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), line.substring(colon + 1).strip());
        }
        return new Part(headers, Arrays.copyOfRange(bytes, split + blank.length, bytes.length));
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = from; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
