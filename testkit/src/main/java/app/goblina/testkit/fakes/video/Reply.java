package app.goblina.testkit.fakes.video;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a fake answers to one request.
 *
 * @param status     HTTP status
 * @param headers    response headers
 * @param body       response body, or null when {@code file} is served
 * @param file       a file streamed as the body, or null
 * @param delay      how long to hold the answer back (a slow provider): the one deliberate wait in the fakes
 * @param stallAfter when set, the status, headers and the first half of the body go out at once, then the rest
 *                   only after this long (a stream that stops mid-way)
 */
public record Reply(int status, Map<String, String> headers, byte[] body, Path file, Duration delay, Duration stallAfter) {

    public Reply {
        headers = Map.copyOf(headers);
        delay = delay == null ? Duration.ZERO : delay;
    }

    public Reply(int status, Map<String, String> headers, byte[] body, Path file, Duration delay) {
        this(status, headers, body, file, delay, null);
    }

    public static Reply json(int status, String json) {
        return new Reply(status, Map.of("Content-Type", "application/json"), json.getBytes(StandardCharsets.UTF_8), null,
                Duration.ZERO);
    }

    /** Raw bytes with their content type. */
    public static Reply bytes(int status, String contentType, byte[] body) {
        return new Reply(status, Map.of("Content-Type", contentType), body, null, Duration.ZERO);
    }

    public static Reply file(String contentType, Path file) {
        return new Reply(200, Map.of("Content-Type", contentType), null, file, Duration.ZERO);
    }

    public static Reply redirect(String location) {
        return new Reply(302, Map.of("Location", location), new byte[0], null, Duration.ZERO);
    }

    public static Reply status(int status) {
        return new Reply(status, Map.of(), new byte[0], null, Duration.ZERO);
    }

    public Reply withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new Reply(status, more, body, file, delay, stallAfter);
    }

    public Reply after(Duration wait) {
        return new Reply(status, headers, body, file, wait, stallAfter);
    }

    /** The same reply, whose body stops half-way for {@code pause}. */
    public Reply stallingMidBody(Duration pause) {
        return new Reply(status, headers, body, file, delay, pause);
    }
}
