package app.goblina.api.admin;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import java.util.Optional;

/**
 * The admin surface's settings. Environment: {@code GOBLINA_ADMIN_API_KEY}.
 *
 * @param apiKey the key that opens {@code /admin/...}; unset or blank turns the admin surface off
 */
@ConfigurationProperties("goblina.admin")
public record AdminConfig(@Nullable String apiKey) {

    /** Shorter admin keys are refused at start: this key can mint every tenant's keys. */
    public static final int MIN_KEY_LENGTH = 24;

    public AdminConfig {
        apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey.strip();
        if (apiKey != null && apiKey.length() < MIN_KEY_LENGTH) {
            throw new IllegalArgumentException("goblina.admin.api-key (GOBLINA_ADMIN_API_KEY) must be at least "
                    + MIN_KEY_LENGTH + " characters; it was " + apiKey.length());
        }
    }

    public Optional<String> key() {
        return Optional.ofNullable(apiKey);
    }
}
