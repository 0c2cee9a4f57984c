package app.goblina.api.characters;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * Caps on uploaded character images, checked before any pixel is decoded so a hostile file cannot exhaust
 * memory. Environment: {@code GOBLINA_UPLOADS_MAX_BYTES}, {@code GOBLINA_UPLOADS_MAX_PIXELS}.
 *
 * @param maxBytes  largest accepted file; 10 MB holds any sensible character portrait
 * @param maxPixels largest accepted width × height; 40 MP covers phone photos, far more than a model needs
 */
@ConfigurationProperties("goblina.uploads")
public record ImageLimits(
        @Bindable(defaultValue = "10485760") @Min(1024) @Max(104857600) long maxBytes,
        @Bindable(defaultValue = "40000000") @Min(1) long maxPixels) {
}
