package app.goblina.api.docs;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import io.swagger.v3.oas.annotations.security.SecuritySchemes;

/**
 * The head of the API's OpenAPI document, which Micronaut OpenAPI writes from the controllers when the module
 * compiles ({@code api/openapi.properties}) and the API serves. The two security schemes are the
 * two ways in: a tenant's API key on {@code /v1} ({@code app.goblina.api.auth.BearerAuthFilter}) and the admin key on
 * {@code /admin} ({@code app.goblina.api.admin.AdminAuthFilter}), both sent as {@code Authorization: Bearer}.
 * Controllers pick theirs with {@link KeyAuthenticated} or {@link AdminAuthenticated}.
 */
@OpenAPIDefinition(info = @Info(title = "Goblina API", version = "${goblina.version}",
        description = "Character image and topic in, finished vertical short out. Every error is an RFC 9457 problem "
                + "(application/problem+json) whose errors name each offending field and why."))
@SecuritySchemes({
    @SecurityScheme(name = ApiReference.API_KEY, type = SecuritySchemeType.HTTP, scheme = "bearer",
            description = "A tenant's API key: Authorization: Bearer <api key>."),
    @SecurityScheme(name = ApiReference.ADMIN_KEY, type = SecuritySchemeType.HTTP, scheme = "bearer",
            description = "The operator's admin key (GOBLINA_ADMIN_API_KEY): "
                    + "Authorization: Bearer <admin key>; X-Goblina-Operator may name the person for the audit trail.")
})
public final class ApiReference {

    /** The security scheme of {@code /v1}. */
    public static final String API_KEY = "apiKey";
    /** The security scheme of {@code /admin}. */
    public static final String ADMIN_KEY = "adminKey";
    /** Where the document is served. */
    public static final String DOCUMENT_PATH = "/openapi/goblina.yml";
    /** Where Swagger UI is served. */
    public static final String UI_PATH = "/docs";

    private ApiReference() {
    }
}
