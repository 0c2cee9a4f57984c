package app.goblina.worker.limits;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;

/**
 * Limits per provider and model, shared by every worker through Redis. Format: entries separated by {@code ;},
 * each {@code provider/model=rpm:N,concurrent:M}, a model of {@code *} for all of the provider's. Environment:
 * {@code GOBLINA_LIMITS_SPEC}, {@code GOBLINA_LIMITS_PENALTY}, {@code GOBLINA_LIMITS_LEASE}.
 *
 * @param spec    the defaults follow PROVIDERS.md: Sora's lowest tier allows 25 requests a minute, Replicate 600
 *                creates a minute; a few generations at once keeps one tenant from taking a provider's whole quota
 * @param penalty after a 429 the limits are halved for this long: the provider knows its load better than we do
 * @param lease   a generation's hold on a concurrency slot expires after this long unless released, so a worker
 *                killed mid-generation cannot leak slots forever
 */
@ConfigurationProperties("goblina.limits")
public record RateLimitConfig(
        @Bindable(defaultValue = "sora/*=rpm:25,concurrent:4;replicate/*=rpm:600,concurrent:8;veo/*=rpm:10,concurrent:10;fal/*=rpm:60,concurrent:10;openai/*=rpm:500,concurrent:16;"
                + "anthropic/*=rpm:50,concurrent:8;ollama/*=rpm:600,concurrent:2") String spec,
        @Bindable(defaultValue = "5m") @NotNull Duration penalty,
        @Bindable(defaultValue = "45m") @NotNull Duration lease) {
}
