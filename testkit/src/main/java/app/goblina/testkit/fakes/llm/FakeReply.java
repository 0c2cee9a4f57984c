package app.goblina.testkit.fakes.llm;

import app.goblina.testkit.fakes.FakeJson;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a fake answers to one request.
 *
 * @param status     HTTP status
 * @param headers    response headers
 * @param body       response body
 * @param delay      how long to wait before answering at all (a slow provider)
 * @param stallAfter when set, the status, headers and the first half of the body go out at once, then the rest
 *                   only after this long (a stream that stops mid-way)
 */
public record FakeReply(int status, Map<String, String> headers, byte[] body, Duration delay, Duration stallAfter) {

    public FakeReply {
        headers = Map.copyOf(headers);
        delay = delay == null ? Duration.ZERO : delay;
    }

    /** A JSON reply. */
    public static FakeReply json(int status, Object body) {
        return new FakeReply(status, Map.of("Content-Type", "application/json"),
                FakeJson.write(body).getBytes(StandardCharsets.UTF_8), Duration.ZERO, null);
    }

    /** Raw bytes with their content type. */
    public static FakeReply bytes(int status, String contentType, byte[] body) {
        return new FakeReply(status, Map.of("Content-Type", contentType), body, Duration.ZERO, null);
    }

    /** The same reply with one more header. */
    public FakeReply withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new FakeReply(status, more, body, delay, stallAfter);
    }

    /** The same reply, sent only after {@code wait}. */
    public FakeReply after(Duration wait) {
        return new FakeReply(status, headers, body, wait, stallAfter);
    }

    /** The same reply, whose body stops half-way for {@code pause}. */
    public FakeReply stallingMidBody(Duration pause) {
        return new FakeReply(status, headers, body, delay, pause);
    }
}
