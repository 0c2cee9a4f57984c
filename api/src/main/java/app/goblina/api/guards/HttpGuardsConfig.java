package app.goblina.api.guards;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.NotNull;
import java.util.List;

/**
 * The HTTP guards' settings, bound from {@code goblina.http.*}. Environment: {@code GOBLINA_HTTP_ALLOWED_ORIGINS}.
 *
 * @param allowedOrigins origins (e.g. {@code https://studio.example.com}) whose pages may call the API from a
 *                       browser; empty (the default) refuses every cross-origin call
 */
@ConfigurationProperties("goblina.http")
public record HttpGuardsConfig(@NotNull @Bindable(defaultValue = "") List<String> allowedOrigins) {

    public HttpGuardsConfig {
        allowedOrigins = allowedOrigins == null ? List.of()
                : allowedOrigins.stream().map(String::strip).filter(o -> !o.isEmpty()).toList();
    }
}
