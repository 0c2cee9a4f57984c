package app.goblina.providers;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.NotBlank;

/**
 * Which provider and model serve a project that does not say, and which analyst reads uploaded characters. The
 * API and the workers read the same values. Environment: {@code GOBLINA_PROVIDERS_ANALYST},
 {@code GOBLINA_PROVIDERS_WRITER}, {@code GOBLINA_PROVIDERS_WRITER_MODEL},
 * {@code GOBLINA_PROVIDERS_VIDEO}, {@code GOBLINA_PROVIDERS_VIDEO_MODEL}, {@code GOBLINA_PROVIDERS_NARRATION},
 * {@code GOBLINA_PROVIDERS_VOICE}.
 *
 * @param analyst       character analysis; {@code local} reads the pixels itself
 * @param writer        scenario writing; {@code local} fills templates per preset
 * @param writerModel   the model the writer uses
 * @param video         clip generation; {@code local} renders with FFmpeg
 * @param videoModel    the model recorded on each clip
 * @param narration     text to speech for each scenario, or empty for none (the default: no key needed)
 * @param voice         the narrator's voice
 */
@ConfigurationProperties("goblina.providers")
public record ProviderDefaults(
        @Bindable(defaultValue = "local") @NotBlank String analyst,
        @Bindable(defaultValue = "local") @NotBlank String writer,
        @Bindable(defaultValue = "local-templates") @NotBlank String writerModel,
        @Bindable(defaultValue = "local") @NotBlank String video,
        @Bindable(defaultValue = "local-ffmpeg") @NotBlank String videoModel,
        @Nullable String narration,
        @Bindable(defaultValue = "coral") @NotBlank String voice) {

    /** Narration is off unless a provider is named. */
    public boolean narrates() {
        return narration != null && !narration.isBlank();
    }
}
