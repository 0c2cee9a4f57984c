package app.goblina.api.limits;

import app.goblina.api.problems.Problem;
import app.goblina.api.problems.Problems;
import app.goblina.api.problems.RetryAfter;
import app.goblina.domain.FieldError;
import app.goblina.persistence.TenantRow;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Holds an API key to its tenant's requests per minute, as soon as the key is known (so an unauthenticated request
 * is refused for that, and counts against nobody). Over the limit: {@code 429} problem+json naming {@code
 * Authorization}, with {@code Retry-After} until the next minute.
 */
@Singleton
public class KeyRateLimit {

    private final RequestsPerMinute requests;
    private final LimitMetrics metrics;

    public KeyRateLimit(RequestsPerMinute requests, LimitMetrics metrics) {
        this.requests = requests;
        this.metrics = metrics;
    }

    /** Counts the request; the refusal to answer when the key is over its limit, else null. */
    @Nullable
    public MutableHttpResponse<Problem> check(UUID keyId, TenantRow tenant) {
        int perMinute = tenant.requestsPerMinutePerKey();
        Optional<Duration> wait = requests.take(keyId, perMinute);
        if (wait.isEmpty()) {
            return null;
        }
        metrics.refused(LimitMetrics.REQUESTS_PER_MINUTE);
        long seconds = RetryAfter.seconds(wait.get());
        return Problems.response(HttpStatus.TOO_MANY_REQUESTS, "Too many requests", List.of(new FieldError("Authorization",
                "this API key made " + perMinute + " requests this minute, its tenant's limit; retry in " + seconds + " s")))
                .header(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
    }
}
