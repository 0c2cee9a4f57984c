package app.goblina.worker.providers.offers;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.NotNull;

/**
 * Which models each adapter of this worker may be asked for, bound from {@code goblina.offers.*}. A spec is
 * {@code provider=model|model;provider=*}: {@code *} lets a project name any model of that provider (Ollama
 * serves what was pulled). The default model of the default provider ({@code GOBLINA_PROVIDERS_VIDEO_MODEL},
 * {@code GOBLINA_PROVIDERS_WRITER_MODEL}) is always offered. Environment: {@code GOBLINA_OFFERS_VIDEO},
 * {@code GOBLINA_OFFERS_LLM}. An adapter this worker does not have (no key) is never offered, whatever the spec says.
 *
 * @param video models per video adapter
 * @param llm   models per scenario-writing adapter
 */
@ConfigurationProperties("goblina.offers")
public record OffersConfig(
        @NotNull @Bindable(defaultValue = "local=local-ffmpeg;sora=sora-2|sora-2-pro;veo=veo-3.1-lite-generate-preview|veo-3.1-fast-generate-preview|veo-3.1-generate-preview;"
                + "replicate=kwaivgi/kling-v2.5-turbo-pro|kwaivgi/kling-v2.1|bytedance/seedance-1-lite|bytedance/seedance-1-pro"
                + "|wan-video/wan-2.2-i2v-fast|minimax/hailuo-02;"
                + "fal=fal-ai/kling-video/v2.5-turbo/pro/image-to-video|fal-ai/kling-video/v2.5-turbo/standard/image-to-video"
                + "|fal-ai/bytedance/seedance/v1/pro/image-to-video|fal-ai/bytedance/seedance/v1/lite/image-to-video"
                + "|fal-ai/minimax/hailuo-02/standard/image-to-video") String video,
        @NotNull @Bindable(defaultValue = "local=local-templates;openai=gpt-4.1-mini|gpt-4.1|gpt-4o-mini|gpt-4o;"
                + "anthropic=claude-sonnet-4-5|claude-haiku-4-5|claude-opus-4-1;ollama=*") String llm) {
}
