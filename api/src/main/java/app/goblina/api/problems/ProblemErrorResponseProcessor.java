package app.goblina.api.problems;

import app.goblina.domain.FieldError;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Turns every error Micronaut's own handlers produce (bad JSON, constraint violations, unknown routes, bodies too
 * large, ...) into a problem document, so clients parse one error format whatever went wrong. A server error says
 * only its status, never the exception's message. A client error keeps a framework message only when it is plain
 * wording ({@link ClientErrorWording}); one that names a class, a setting, a type or a value echo is replaced by
 * the status's own reason, so no error tells a client how the server is built.
 */
@Singleton
@Replaces(ErrorResponseProcessor.class)
public class ProblemErrorResponseProcessor implements ErrorResponseProcessor<Problem> {

    @Override
    public MutableHttpResponse<Problem> processResponse(ErrorContext context, MutableHttpResponse<?> response) {
        HttpStatus status = response.getStatus();
        // A server error's messages are the exception's own (SQL, class names, hosts): for the log, not the client.
        List<FieldError> errors = status.getCode() >= 500 ? List.of()
                : jsonErrors(context.getRootCause()).orElseGet(() -> fieldErrors(context.getErrors()));
        if (errors.isEmpty() && status.getCode() < 500) {
            errors = ClientErrorWording.forStatus(status, context.getRequest().getPath());
        }
        String detail = errors.isEmpty() ? status.getReason()
                : errors.stream().map(e -> e.field() + ": " + e.reason()).collect(Collectors.joining("; "));
        Problem problem = new Problem("about:blank", status.getReason(), status.getCode(), detail, errors);
        return response.contentType(Problem.MEDIA_TYPE).body(problem);
    }

    /** Jackson knows exactly which property was wrong; its own message is too technical to pass on. */
    private static Optional<List<FieldError>> jsonErrors(Optional<Throwable> rootCause) {
        Throwable cause = rootCause.orElse(null);
        while (cause != null && !(cause instanceof JsonMappingException) && !(cause instanceof JsonProcessingException)) {
            cause = cause.getCause();
        }
        if (cause instanceof JsonProcessingException parse && !(cause instanceof JsonMappingException)) {
            return Optional.of(List.of(new FieldError("body", ClientErrorWording.jsonReason(parse))));
        }
        if (cause instanceof UnrecognizedPropertyException unknown) {
            return Optional.of(List.of(new FieldError(path(unknown), "unknown field")));
        }
        if (cause instanceof JsonMappingException mapping && mapping.getPath().isEmpty()) {
            return Optional.of(List.of(new FieldError("body", ClientErrorWording.jsonReason(mapping))));
        }
        if (cause instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            Throwable root = rootCause.orElse(mapping);
            JsonProcessingException parse = root instanceof JsonProcessingException p ? p : mapping;
            String reason = String.valueOf(parse.getOriginalMessage()).contains("exceeds the maximum allowed")
                    ? ClientErrorWording.jsonReason(parse) : "has the wrong type or format";
            return Optional.of(List.of(new FieldError(path(mapping), reason)));
        }
        return Optional.empty();
    }

    /** {@code video.size}, {@code scenes[2]}: where in the body the problem is. */
    private static String path(JsonMappingException mapping) {
        return mapping.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    private static List<FieldError> fieldErrors(List<Error> errors) {
        List<FieldError> fields = new ArrayList<>();
        for (Error error : errors) {
            if (error.getPath().isEmpty()) {
                // a message about the whole request is the framework's own wording: the status says it plainly
                continue;
            }
            String path = error.getPath().map(ProblemErrorResponseProcessor::lastSegment).orElse("request");
            fields.add(new FieldError(ClientErrorWording.plainField(path), ClientErrorWording.plainReason(error.getMessage())));
        }
        return fields;
    }

    /** Constraint paths look like {@code create.request.topic}: the client knows only the last part. */
    private static String lastSegment(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }
}
