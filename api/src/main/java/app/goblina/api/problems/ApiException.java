package app.goblina.api.problems;

import app.goblina.domain.FieldError;
import io.micronaut.http.HttpStatus;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A request the API refuses, with the status to answer and the fields at fault. Thrown before anything is
 * written, so a refused request changes nothing.
 */
public final class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final String title;
    private final List<FieldError> errors;
    private final Duration retryAfter;

    public ApiException(HttpStatus status, String title, List<FieldError> errors) {
        this(status, title, errors, null);
    }

    private ApiException(HttpStatus status, String title, List<FieldError> errors, Duration retryAfter) {
        super(title + ": " + errors);
        this.status = status;
        this.title = title;
        this.errors = List.copyOf(errors);
        this.retryAfter = retryAfter;
    }

    /** {@code 429 Too Many Requests} with {@code Retry-After}: a limit of the tenant is reached for now. */
    public static ApiException tooManyRequests(String field, String reason, Duration retryAfter) {
        return new ApiException(HttpStatus.TOO_MANY_REQUESTS, "Too many requests", List.of(new FieldError(field, reason)),
                retryAfter);
    }

    public static ApiException invalid(List<FieldError> errors) {
        return new ApiException(HttpStatus.BAD_REQUEST, "Invalid request", errors);
    }

    public static ApiException invalid(String field, String reason) {
        return invalid(List.of(new FieldError(field, reason)));
    }

    public static ApiException notFound(String field, String what) {
        return new ApiException(HttpStatus.NOT_FOUND, "Not found", List.of(new FieldError(field, "no " + what + " with this id")));
    }

    public HttpStatus status() {
        return status;
    }

    public String title() {
        return title;
    }

    public List<FieldError> errors() {
        return errors;
    }

    /** {@code 503 Service Unavailable} with {@code Retry-After}: the API is too busy for this request now. */
    public static ApiException unavailable(List<FieldError> errors, Duration retryAfter) {
        return new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "Busy", errors, retryAfter);
    }

    /** How long the client should wait before trying again, when the refusal is only for now. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
