package app.goblina.api.docs;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.swagger.v3.oas.annotations.Hidden;
import java.net.URI;

/** {@code GET /docs}: to the Swagger UI page, which the API serves from the jar at {@code /docs/index.html}. */
@Controller(ApiReference.UI_PATH)
@Hidden
public class SwaggerUiEntry {

    @Get
    public HttpResponse<?> page() {
        return HttpResponse.seeOther(URI.create(ApiReference.UI_PATH + "/index.html"));
    }
}
