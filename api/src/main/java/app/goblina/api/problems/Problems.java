package app.goblina.api.problems;

import app.goblina.domain.FieldError;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import java.util.List;
import java.util.stream.Collectors;

/** Builds problem responses. */
public final class Problems {

    private Problems() {
    }

    public static MutableHttpResponse<Problem> response(HttpStatus status, String title, List<FieldError> errors) {
        String detail = errors.isEmpty() ? title
                : errors.stream().map(e -> e.field() + ": " + e.reason()).collect(Collectors.joining("; "));
        Problem problem = new Problem("about:blank", title, status.getCode(), detail, errors);
        return HttpResponse.<Problem>status(status).body(problem).contentType(Problem.MEDIA_TYPE);
    }
}
