package app.goblina.api.admin;

import io.micronaut.core.annotation.Introspected;

/** A key just made: {@code key} is shown this once and never again (only its SHA-256 is kept). */
@Introspected
public record IssuedKey(KeyView apiKey, String key) {
}
