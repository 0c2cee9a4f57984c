package app.goblina.providers;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * Which provider and model serve a project that does not say, and which analyst reads uploaded characters. The
 * API and the workers read the same values. Environment: {@code GOBLINA_PROVIDERS_ANALYST},
 {@code GOBLINA_PROVIDERS_WRITER}, {@code GOBLINA_PROVIDERS_WRITER_MODEL},
 * {@code GOBLINA_PROVIDERS_VIDEO}, {@code GOBLINA_PROVIDERS_VIDEO_MODEL}, {@code GOBLINA_PROVIDERS_NARRATION},
 * {@code GOBLINA_PROVIDERS_VOICE}, {@code GOBLINA_PROVIDERS_MUSIC}.
 *
 * @param analyst       character analysis; {@code local} reads the pixels itself
 * @param writer        scenario writing; {@code local} fills templates per preset
 * @param writerModel   the model the default writer uses; when unset, {@code local-templates} for the local writer
 *                      and, for any other, the model its adapter is configured with
 * @param video         clip generation; {@code local} renders with FFmpeg
 * @param videoModel    the model the default video provider uses; when unset, {@code local-ffmpeg} for the local
 *                      one and, for any other, the model its adapter is configured with (so naming a provider alone
 *                      never hands it a local model)
 * @param narration     text to speech for each scenario ({@code local}: espeak-ng; {@code openai}), or empty for
 *                      none (the default; {@code ./goblina up} sets {@code local} when espeak-ng is installed)
 * @param voice         the narrator's voice
 * @param music         the background track of a project that names none: {@code none} (the default) or
 *                      {@code soft-pad} ({@code ./goblina up} sets it)
 */
@ConfigurationProperties("goblina.providers")
public record ProviderDefaults(
        @Bindable(defaultValue = "local") @NotBlank String analyst,
        @Bindable(defaultValue = "local") @NotBlank String writer,
        @Nullable String writerModel,
        @Bindable(defaultValue = "local") @NotBlank String video,
        @Nullable String videoModel,
        @Nullable String narration,
        @Bindable(defaultValue = "coral") @NotBlank String voice,
        @Bindable(defaultValue = "none") @NotNull @Pattern(regexp = "none|soft-pad") String music) {

    private static final String LOCAL = "local";
    private static final String LOCAL_WRITER_MODEL = "local-templates";
    private static final String LOCAL_VIDEO_MODEL = "local-ffmpeg";

    /** The default writer's model, or null for the one its adapter is configured with. */
    @Override
    @Nullable
    public String writerModel() {
        return orLocal(writerModel, writer, LOCAL_WRITER_MODEL);
    }

    /** The default video provider's model, or null for the one its adapter is configured with. */
    @Override
    @Nullable
    public String videoModel() {
        return orLocal(videoModel, video, LOCAL_VIDEO_MODEL);
    }

    private static String orLocal(String configured, String provider, String localModel) {
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        return LOCAL.equals(provider) ? localModel : null;
    }

    /** The default background track, or null for none. */
    @Nullable
    public String musicTrack() {
        return music == null || music.isBlank() || music.equals("none") ? null : music;
    }

    /** Narration is off unless a provider is named. */
    public boolean narrates() {
        return narration != null && !narration.isBlank();
    }
}
