package app.goblina.api.problems;

import app.goblina.domain.FieldError;
import io.micronaut.http.HttpStatus;
import java.util.List;

/**
 * A request the API refuses, with the status to answer and the fields at fault. Thrown before anything is
 * written, so a refused request changes nothing.
 */
public final class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final String title;
    private final List<FieldError> errors;

    public ApiException(HttpStatus status, String title, List<FieldError> errors) {
        super(title + ": " + errors);
        this.status = status;
        this.title = title;
        this.errors = List.copyOf(errors);
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
}
