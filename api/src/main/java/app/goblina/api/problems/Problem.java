package app.goblina.api.problems;

import app.goblina.domain.FieldError;
import io.micronaut.core.annotation.Introspected;
import java.util.List;

/**
 * An RFC 9457 problem document, sent as {@code application/problem+json} for every error. {@code errors} names
 * each offending field and why.
 */
@Introspected
public record Problem(String type, String title, int status, String detail, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public Problem {
        errors = errors == null ? List.of() : List.copyOf(errors);
    }
}
