package app.goblina.worker.providers;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.NotBlank;

/**
 * Which adapter serves each port when a project does not say. Environment: {@code GOBLINA_PROVIDERS_ANALYST},
 * {@code GOBLINA_PROVIDERS_WRITER}, {@code GOBLINA_PROVIDERS_VIDEO}, {@code GOBLINA_PROVIDERS_VIDEO_MODEL}.
 *
 * @param analyst    character analysis; {@code local} reads the pixels itself
 * @param writer     scenario writing; {@code local} fills templates per preset
 * @param video      clip generation; {@code local} renders with FFmpeg
 * @param videoModel the model name recorded on each clip
 */
@ConfigurationProperties("goblina.providers")
public record ProviderConfig(
        @Bindable(defaultValue = "local") @NotBlank String analyst,
        @Bindable(defaultValue = "local") @NotBlank String writer,
        @Bindable(defaultValue = "local") @NotBlank String video,
        @Bindable(defaultValue = "local-ffmpeg") @NotBlank String videoModel) {
}
