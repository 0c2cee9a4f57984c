package app.goblina.worker.providers.http;

import java.time.Duration;
import java.util.Optional;

/**
 * Decides whether an HTTP error from a provider is worth retrying, and words the reason for the user. The default
 * follows HTTP: 408, 409, 429 and 5xx are transient, other 4xx permanent. Adapters wrap it for vendor signals.
 */
@FunctionalInterface
public interface FailureRules {

    /** The verdict on one error response. */
    record Verdict(boolean permanent, String reason) {
    }

    Verdict judge(int status, String body);

    /**
     * The wait a vendor names in an error's body, for vendors that say it there rather than in {@code Retry-After}
     * (Google's {@code RetryInfo.retryDelay}); a {@code Retry-After} header wins when both are sent.
     */
    default Optional<Duration> retryAfter(String body) {
        return Optional.empty();
    }

    /**
     * Whether an error answer says the call took no effect. Any 4xx does; a 5xx may come after a create took effect,
     * unless the vendor's error says otherwise (Google's {@code UNAVAILABLE} means the request was not processed).
     */
    default boolean changedNothing(int status, String body) {
        return status < 500;
    }

    static FailureRules standard() {
        return (status, body) -> {
            boolean transientStatus = status == 408 || status == 409 || status == 429 || status >= 500;
            return new Verdict(!transientStatus, "HTTP " + status + describe(status));
        };
    }

    private static String describe(int status) {
        return switch (status) {
            case 400 -> " (the request was refused as invalid)";
            case 401 -> " (the API key was refused)";
            case 403 -> " (the API key may not do this)";
            case 404 -> " (not found)";
            case 429 -> " (rate limited)";
            default -> status >= 500 ? " (provider error)" : "";
        };
    }
}
