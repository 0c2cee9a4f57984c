package app.goblina.testkit.fakes.video;

import java.time.Duration;
import java.util.Optional;

/**
 * Something going wrong with one request: either a reply that replaces the normal answer (a 429, a 5xx, a
 * refusal), or the normal answer held back for {@code delay} (a provider slower than the client's timeout).
 *
 * @param replacement the answer instead of the normal one, or null to answer normally
 * @param delay       how long to hold the answer back
 */
public record Fault(Reply replacement, Duration delay) {

    public Fault {
        delay = delay == null ? Duration.ZERO : delay;
    }

    public static Fault replyWith(Reply reply) {
        return new Fault(reply, Duration.ZERO);
    }

    /** The normal answer, but only after {@code delay}. */
    public static Fault slow(Duration delay) {
        return new Fault(null, delay);
    }

    /** Applies this fault to what the fake would have answered. */
    public Reply applyTo(Reply normal) {
        return Optional.ofNullable(replacement).orElse(normal).after(delay);
    }
}
