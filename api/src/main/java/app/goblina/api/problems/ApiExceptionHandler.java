package app.goblina.api.problems;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** Answers an {@link ApiException} with its status and fields, and {@code Retry-After} when it has one. */
@Produces(Problem.MEDIA_TYPE)
@Singleton
@Requires(classes = {ApiException.class, ExceptionHandler.class})
public class ApiExceptionHandler implements ExceptionHandler<ApiException, HttpResponse<Problem>> {

    @Override
    public HttpResponse<Problem> handle(@SuppressWarnings("rawtypes") HttpRequest request, ApiException exception) {
        var response = Problems.response(exception.status(), exception.title(), exception.errors());
        exception.retryAfter().ifPresent(wait -> response.header(HttpHeaders.RETRY_AFTER, Long.toString(RetryAfter.seconds(wait))));
        return response;
    }
}
