package app.goblina.api.problems;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import java.util.UUID;

/** The body of a {@code 202 Accepted}: the record's id and its status; {@code Location} says where to follow it. */
@Introspected
public record Accepted(UUID id, String status) {

    public static HttpResponse<Accepted> response(UUID id, String status, String location) {
        return HttpResponse.<Accepted>status(HttpStatus.ACCEPTED)
                .body(new Accepted(id, status))
                .header(HttpHeaders.LOCATION, location);
    }
}
