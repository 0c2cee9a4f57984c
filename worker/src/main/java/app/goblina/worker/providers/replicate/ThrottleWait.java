package app.goblina.worker.providers.replicate;

import app.goblina.failures.RateLimited;
import app.goblina.failures.TransientFailure;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replicate's 429 says when to come back in its text ("Request was throttled. Your rate limit resets in ~30s."),
 * and whether it also sends {@code Retry-After} is unconfirmed. When a throttled call carries no header delay,
 * the one in the text becomes the failure's retry-after, so the job waits as long as Replicate asked.
 */
final class ThrottleWait {

    private static final Pattern WAIT = Pattern.compile(
            "(?:resets|available|again)\\s+in\\s+~?\\s*(\\d+(?:\\.\\d+)?)\\s*(s|sec|secs|seconds?)\\b",
            Pattern.CASE_INSENSITIVE);

    private ThrottleWait() {
    }

    /** Runs one call; a transient failure without a delay gets the one its text names, if any. */
    static <T> T honoured(Supplier<T> call) {
        try {
            return call.get();
        } catch (TransientFailure failure) {
            if (failure.retryAfter().isPresent()) {
                throw failure;
            }
            Optional<Duration> wait = parse(failure.getMessage());
            if (wait.isEmpty()) {
                throw failure;
            }
            if (failure instanceof RateLimited) {
                throw new RateLimited(failure.getMessage(), wait.get());
            }
            throw new TransientFailure(failure.getMessage(), wait.get(), failure.getCause(), failure.refusedWithoutEffect());
        }
    }

    static Optional<Duration> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = WAIT.matcher(text);
        if (!m.find()) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofMillis((long) (Double.parseDouble(m.group(1)) * 1000)));
    }
}
