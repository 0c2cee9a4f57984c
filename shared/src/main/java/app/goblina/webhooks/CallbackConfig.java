package app.goblina.webhooks;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;

/**
 * Completion callbacks: which URLs a project may name ({@link CallbackUrlPolicy}, checked by the API at submission
 * and by the worker again before each attempt) and how a delivery is tried. Bound from {@code goblina.callbacks.*}.
 * Environment: {@code GOBLINA_CALLBACKS_ALLOW_HTTP_LOOPBACK}, {@code GOBLINA_CALLBACKS_ALLOWED_HOSTS},
 * {@code GOBLINA_CALLBACKS_RETRY_WAITS}, {@code GOBLINA_CALLBACKS_CONNECT_TIMEOUT}, {@code GOBLINA_CALLBACKS_TIMEOUT}.
 *
 * @param allowHttpLoopback for development on one machine: a callback may be plain {@code http} (or https) to a
 *                          loopback address ({@code localhost}, {@code 127.0.0.1}, {@code ::1}); off, loopback is
 *                          refused like any other internal address
 * @param allowedHosts      internal receivers the operator trusts: host names (exactly, without regard to case),
 *                          addresses or CIDR ranges ({@code 10.0.3.0/24}) a callback may reach although they are
 *                          private, link-local or loopback; still over https
 * @param retryWaits        the waits between attempts: one attempt, then one more after each wait, so the default
 *                          makes 8 attempts over about 4 hours (5 s, 1 min, 5 min, 15 min, 30 min, 1 h, 2 h, each plus
 *                          up to a tenth at random); a receiver's {@code Retry-After} lengthens a wait up to the
 *                          longest one
 * @param connectTimeout    how long to wait for a connection to the receiver
 * @param timeout           how long a receiver has to answer, from the connection on
 */
@ConfigurationProperties("goblina.callbacks")
public record CallbackConfig(
        @Bindable(defaultValue = "false") boolean allowHttpLoopback,
        @NotNull @Bindable(defaultValue = "") List<String> allowedHosts,
        @NotNull @Bindable(defaultValue = "5s,1m,5m,15m,30m,1h,2h") List<Duration> retryWaits,
        @NotNull @Bindable(defaultValue = "5s") Duration connectTimeout,
        @NotNull @Bindable(defaultValue = "15s") Duration timeout) {

    /** More waits than this would keep a delivery going for days; the receiver has been told by other means by then. */
    public static final int MAX_RETRIES = 20;
    /** No single wait is longer than a day. */
    public static final Duration LONGEST_WAIT = Duration.ofDays(1);

    public CallbackConfig {
        allowedHosts = allowedHosts == null ? List.of()
                : allowedHosts.stream().map(String::strip).filter(h -> !h.isEmpty()).toList();
        retryWaits = retryWaits == null ? List.of() : List.copyOf(retryWaits);
        if (retryWaits.size() > MAX_RETRIES) {
            throw new IllegalArgumentException("goblina.callbacks.retry-waits names " + retryWaits.size()
                    + " waits; at most " + MAX_RETRIES);
        }
        for (Duration wait : retryWaits) {
            if (wait.isNegative() || wait.isZero() || wait.compareTo(LONGEST_WAIT) > 0) {
                throw new IllegalArgumentException("goblina.callbacks.retry-waits: every wait must be more than 0 and at "
                        + "most 24h, got " + wait);
            }
        }
        for (Duration limit : new Duration[] {connectTimeout, timeout}) {
            if (limit != null && (limit.isNegative() || limit.isZero() || limit.compareTo(Duration.ofMinutes(2)) > 0)) {
                throw new IllegalArgumentException("goblina.callbacks.connect-timeout and goblina.callbacks.timeout must "
                        + "be more than 0 and at most 2m, got " + limit);
            }
        }
        CallbackUrlPolicy.AllowedHosts.parse(allowedHosts);
    }

    /** Attempts a delivery gets in all: the first one and one after each wait. */
    public int attempts() {
        return retryWaits.size() + 1;
    }

    /** The wait after attempt {@code attempt} (1-based) failed, before jitter; empty after the last attempt. */
    public java.util.Optional<Duration> waitAfter(int attempt) {
        return attempt >= 1 && attempt <= retryWaits.size() ? java.util.Optional.of(retryWaits.get(attempt - 1))
                : java.util.Optional.empty();
    }

    /** The longest wait of the schedule: what a receiver's Retry-After may ask for at most. */
    public Duration longestWait() {
        return retryWaits.stream().max(Duration::compareTo).orElse(Duration.ZERO);
    }
}
