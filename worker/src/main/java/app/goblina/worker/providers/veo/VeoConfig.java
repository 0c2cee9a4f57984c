package app.goblina.worker.providers.veo;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * How to reach Google Veo through the Gemini API's long-running video generation
 * ({@code models/{model}:predictLongRunning}, then {@code GET {operation name}}), bound from {@code goblina.veo.*}.
 * The key ({@code GOBLINA_VEO_API_KEY}) goes in the {@code x-goog-api-key} header; the adapter exists only when it
 * is set. The base URL is configurable for a gateway that serves the same contract: the Gemini API's preview Veo
 * models were reported switched off on 2026-10-22. {@link #toString()} masks the key.
 *
 * @param apiKey           sent as {@code x-goog-api-key}
 * @param baseUrl          the API root, {@code https://generativelanguage.googleapis.com/v1beta} by default
 * @param model            model asked for when a project names none
 * @param allowedSeconds   clip lengths the model takes; a request gets the nearest (ties go longer: assembly can
 *                         trim, not stretch)
 * @param resolution       {@code 720p} or {@code 1080p}
 * @param imageMode        START_IMAGE sends the character as the first frame ({@code instance.image});
 *                         REFERENCE_IMAGES sends it as an {@code asset} reference image and lets the model compose
 *                         the first frame
 * @param generateAudio    sent as {@code parameters.generateAudio}; null sends nothing and leaves the model's default
 *                         (Veo 3.x generates audio)
 * @param negativePrompt   sent as {@code parameters.negativePrompt} when set
 * @param personGeneration sent as {@code parameters.personGeneration} when set (e.g. {@code allow_adult})
 * @param downloadHosts    hosts besides the API's that a video's URI or its redirect may point to
 * @param pollInterval     how long the poll job waits between two looks at an operation that is not done
 * @param connectTimeout   bound on opening a connection
 * @param createTimeout    bound on the create call, which carries the image; past it the outcome is unknown
 * @param requestTimeout   bound on an operation lookup
 * @param downloadTimeout  bound on a whole video download, body included
 * @param maxResponseBytes cap on a JSON answer
 * @param maxVideoBytes    cap on a downloaded video
 */
@ConfigurationProperties("goblina.veo")
@Requires(property = VeoConfig.API_KEY, pattern = VeoConfig.SET)
public record VeoConfig(
        @Nullable String apiKey,
        @NotNull @Bindable(defaultValue = "https://generativelanguage.googleapis.com/v1beta") URI baseUrl,
        @NotBlank @Bindable(defaultValue = "veo-3.1-lite-generate-preview") String model,
        @NotEmpty @Bindable(defaultValue = "4,6,8") List<Integer> allowedSeconds,
        @NotBlank @Bindable(defaultValue = "720p") String resolution,
        @NotNull @Bindable(defaultValue = "START_IMAGE") ImageMode imageMode,
        @Nullable Boolean generateAudio,
        @Nullable String negativePrompt,
        @Nullable String personGeneration,
        @Nullable List<String> downloadHosts,
        @NotNull @Bindable(defaultValue = "10s") Duration pollInterval,
        @NotNull @Bindable(defaultValue = "5s") Duration connectTimeout,
        @NotNull @Bindable(defaultValue = "60s") Duration createTimeout,
        @NotNull @Bindable(defaultValue = "20s") Duration requestTimeout,
        @NotNull @Bindable(defaultValue = "5m") Duration downloadTimeout,
        @Min(1024) @Bindable(defaultValue = "1048576") int maxResponseBytes,
        @Min(1024) @Bindable(defaultValue = "536870912") long maxVideoBytes) {

    /** The property whose presence switches the Veo adapter on. */
    public static final String API_KEY = "goblina.veo.api-key";
    static final String SET = "(?s).*\\S.*";

    /** How the character image reaches the model. */
    public enum ImageMode { START_IMAGE, REFERENCE_IMAGES }

    public VeoConfig {
        if (apiKey == null || apiKey.isBlank()) {
            throw new IllegalArgumentException("goblina.veo.api-key must be set");
        }
        apiKey = apiKey.strip();
        if (baseUrl != null && baseUrl.toString().endsWith("/")) {
            String text = baseUrl.toString();
            baseUrl = URI.create(text.substring(0, text.length() - 1));
        }
        allowedSeconds = allowedSeconds == null ? List.of() : List.copyOf(allowedSeconds);
        if (allowedSeconds.stream().anyMatch(s -> s == null || s < 1)) {
            throw new IllegalArgumentException("goblina.veo.allowed-seconds must be positive, not " + allowedSeconds);
        }
        if (resolution != null && !resolution.matches("[1-9]\\d*p")) {
            throw new IllegalArgumentException("goblina.veo.resolution must look like 720p, not " + resolution);
        }
        if (model != null && !model.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("goblina.veo.model must be a model id such as veo-3.1-generate-preview");
        }
        downloadHosts = downloadHosts == null ? List.of()
                : downloadHosts.stream().filter(h -> h != null && !h.isBlank()).toList();
        negativePrompt = negativePrompt == null || negativePrompt.isBlank() ? null : negativePrompt.strip();
        personGeneration = personGeneration == null || personGeneration.isBlank() ? null : personGeneration.strip();
        for (Duration d : new Duration[] {pollInterval, connectTimeout, createTimeout, requestTimeout, downloadTimeout}) {
            if (d != null && (d.isNegative() || d.isZero())) {
                throw new IllegalArgumentException("goblina.veo intervals and timeouts must be more than 0, not " + d);
            }
        }
    }

    /** The URL of {@code path} (e.g. {@code /models/m:predictLongRunning}) under the base URL. */
    URI endpoint(String path) {
        return URI.create(baseUrl + path);
    }

    @Override
    public String toString() {
        return "VeoConfig[apiKey=****, baseUrl=" + baseUrl + ", model=" + model + ", allowedSeconds=" + allowedSeconds
                + ", resolution=" + resolution + ", imageMode=" + imageMode + ", generateAudio=" + generateAudio
                + ", negativePrompt=" + negativePrompt + ", personGeneration=" + personGeneration + ", downloadHosts="
                + downloadHosts + ", pollInterval=" + pollInterval + ", connectTimeout=" + connectTimeout
                + ", createTimeout=" + createTimeout + ", requestTimeout=" + requestTimeout + ", downloadTimeout="
                + downloadTimeout + ", maxResponseBytes=" + maxResponseBytes + ", maxVideoBytes=" + maxVideoBytes + "]";
    }
}
