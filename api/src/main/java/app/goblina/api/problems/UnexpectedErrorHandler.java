package app.goblina.api.problems;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers every runtime exception that no more specific handler takes (Micronaut's own handlers for bad input,
 * and {@link ApiExceptionHandler}, still win): {@code 503} with {@code Retry-After} when the database is unreachable
 * (see {@link DatabaseOutage}), else {@code 500}. The answer never carries the exception's message, which may hold
 * SQL, class names or hosts; the log does.
 */
@Produces(Problem.MEDIA_TYPE)
@Singleton
@Requires(classes = ExceptionHandler.class)
public class UnexpectedErrorHandler implements ExceptionHandler<RuntimeException, HttpResponse<Problem>> {

    private static final Logger LOG = LoggerFactory.getLogger(UnexpectedErrorHandler.class);

    @Override
    public HttpResponse<Problem> handle(@SuppressWarnings("rawtypes") HttpRequest request, RuntimeException exception) {
        if (DatabaseOutage.explains(exception)) {
            // One line, not a stack per request: during an outage every request lands here.
            LOG.warn("Database unreachable, answered 503 to {} {}: {}", request.getMethod(), request.getPath(),
                    DatabaseOutage.describe(exception));
            return DatabaseOutage.response();
        }
        LOG.error("Unexpected error on {} {}", request.getMethod(), request.getPath(), exception);
        return Problems.response(HttpStatus.INTERNAL_SERVER_ERROR, HttpStatus.INTERNAL_SERVER_ERROR.getReason(), List.of());
    }
}
