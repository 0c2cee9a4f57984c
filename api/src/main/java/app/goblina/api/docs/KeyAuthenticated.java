package app.goblina.api.docs;

import app.goblina.api.problems.Problem;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Documents what every {@code /v1} operation behind the API key can answer besides its own result: 401 (no, unknown,
 * revoked or expired key), 403 (a foreign {@code Origin}), 429 (the key's requests per minute, with {@code
 * Retry-After}) and 503 (the database is unreachable, with {@code Retry-After}).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@SecurityRequirement(name = ApiReference.API_KEY)
@ApiResponse(responseCode = "401", description = "No API key, or one that is unknown, revoked or expired.",
        headers = @Header(name = "WWW-Authenticate", schema = @Schema(type = "string")),
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@ApiResponse(responseCode = "403", description = "A cross-origin request from an origin that is not allowed.",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@ApiResponse(responseCode = "429", description = "The key's requests per minute are used up; retry after the given seconds.",
        headers = @Header(name = "Retry-After", description = "Seconds to wait", schema = @Schema(type = "integer")),
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@ApiResponse(responseCode = "503", description = "The database is unreachable; nothing was read or changed.",
        headers = @Header(name = "Retry-After", description = "Seconds to wait", schema = @Schema(type = "integer")),
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public @interface KeyAuthenticated {
}
