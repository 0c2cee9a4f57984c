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

    /**
     * The pixel cap in force: the configured one, lowered on a heap too small for it. The API decodes subsampled,
     * but the workers decode the accepted image at up to 8 bytes a pixel, so nothing is accepted that a process
     * of this size could not hold a few times over.
     */
    public long effectiveMaxPixels() {
        return Math.min(maxPixels, Runtime.getRuntime().maxMemory() / (8L * 16));
    }
}
