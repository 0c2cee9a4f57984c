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
     * Heap a WebP decode needs per declared pixel, whatever the subsampling: TwelveMonkeys' WebP reader decodes the
     * whole frame before subsampling. Measured on a 40 MP image (7300x5479): lossy peaked at 968 MB of heap (it
     * fails under -Xmx512m), lossless at 170–180 MB; PNG (8- and 16-bit, interlaced or not) and JPEG (baseline and
     * progressive) decode subsampled rows and peaked at 11–13 MB at the API's every-8th-pixel and 22–44 MB at the
     * worker's every-3rd. Lossy WebP is thus about 24 bytes a pixel; the API decodes up to four uploads at once
     * ({@link UploadSlots}), and all four must fit in half the heap: 24 × 4 × 2.
     */
    static final long WEBP_HEAP_BYTES_PER_PIXEL = 192;

    /**
     * The pixel cap in force for an image of {@code format} ("png", "jpeg" or "webp"): the configured one for PNG
     * and JPEG, whose subsampled decode costs tens of megabytes at 40 MP; for WebP also at most the heap / 192
     * (about 2.8 MP on the API's 512 MB), since its decode holds the full frame.
     */
    public long effectiveMaxPixels(String format) {
        if ("webp".equals(format)) {
            return Math.min(maxPixels, Runtime.getRuntime().maxMemory() / WEBP_HEAP_BYTES_PER_PIXEL);
        }
        return maxPixels;
    }
}
