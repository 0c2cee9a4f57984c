package app.goblina.api.docs;

import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Documents the {@code 202 Accepted} of an operation that starts work: the record id and status, and {@code Location} to follow it. The method also carries {@code @Status(HttpStatus.ACCEPTED)}, so the document gives no 200 beside it. */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@ApiResponse(responseCode = "202", description = "Accepted; Location says where to follow it.", headers = @Header(name = "Location", schema = @Schema(type = "string")), content = @Content(mediaType = "application/json", schema = @Schema(implementation = app.goblina.api.problems.Accepted.class)))
public @interface AcceptedForWork {
}
