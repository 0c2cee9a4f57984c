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

/** Documents what every {@code /admin} operation can answer besides its own result: 400 (a malformed {@code X-Goblina-Operator}), 401 (no or a wrong admin key), 403 (the admin surface is off, or a foreign {@code Origin}) and 503 (the database is unreachable). */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@SecurityRequirement(name = ApiReference.ADMIN_KEY)
@ApiResponse(responseCode = "400", description = "The request is invalid (a field, a query value, or the X-Goblina-Operator header).", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@ApiResponse(responseCode = "401", description = "No admin key, or not the admin key.", headers = @Header(name = "WWW-Authenticate", schema = @Schema(type = "string")), content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@ApiResponse(responseCode = "403", description = "The admin surface is off (no GOBLINA_ADMIN_API_KEY), or a cross-origin request from an origin that is not allowed.", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@ApiResponse(responseCode = "503", description = "The database is unreachable; nothing was read or changed.", headers = @Header(name = "Retry-After", description = "Seconds to wait", schema = @Schema(type = "integer")), content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public @interface AdminAuthenticated {
}
