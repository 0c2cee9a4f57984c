package app.goblina.api.docs;

import app.goblina.api.problems.Problem;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Documents what {@code app.goblina.api.guards.JsonBodyGuard} answers to a body sent to a {@code /v1} or {@code
 * /admin} POST, PUT or PATCH, even one that takes none: 411 (chunked), 413 (over 64 KiB) and 415 (not {@code
 * application/json}). An operation that reads a JSON body uses {@link JsonBody}, which adds 400.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@ApiResponse(responseCode = "411", description = "The body was chunked; a JSON body must give its Content-Length.", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@ApiResponse(responseCode = "413", description = "The body is larger than 64 KiB.", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@ApiResponse(responseCode = "415", description = "The body is not application/json (UTF-8).", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public @interface BodyGuarded {
}
