package app.goblina.api.docs;

import app.goblina.api.problems.Problem;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Documents a file download (its media type is the route's {@code produces}): the bytes themselves, or a {@code 307} to a presigned URL when the blob store gives one; 409 while the video is not ready. */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@ApiResponse(responseCode = "200", description = "The file's bytes.", content = @Content(schema = @Schema(type = "string", format = "binary")))
@ApiResponse(responseCode = "307", description = "Redirect to a short-lived presigned URL of the file.", headers = @Header(name = "Location", schema = @Schema(type = "string", format = "uri")))
@ApiResponse(responseCode = "409", description = "The video is not ready yet.", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public @interface Download {
}
