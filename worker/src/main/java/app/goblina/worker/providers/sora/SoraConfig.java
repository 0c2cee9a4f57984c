package app.goblina.worker.providers.sora;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * How to reach a server of the Sora Videos contract ({@code /v1/videos}), bound from {@code goblina.sora.*}. OpenAI
 * shut its own Sora API down on 2026-09-24; gateways still serve the contract with other models and small
 * variations, which the variant settings select. The key comes from the environment: {@code SORA_API_KEY} (mapped
 * to {@code goblina.sora.api-key} in application.yml; {@code GOBLINA_SORA_API_KEY} works too), else OpenAI's
 * {@code goblina.openai.api-key} ({@code OPENAI_API_KEY}). The adapter exists only when one of them is set
 * ({@link SoraKeyConfigured}). {@link #toString()} masks it.
 *
 * @param apiKey           sent as {@code Authorization: Bearer}; OpenAI's key when no Sora key is set
 * @param openAiApiKey     {@code goblina.openai.api-key}, read only as that fallback
 * @param baseUrl          the API root; {@code https://api.openai.com/v1} was OpenAI's, a gateway's root goes here
 * @param model            model asked for when a project names none ({@code sora-2}, {@code sora-2-pro}, a gateway's)
 * @param sizeStyle        SIZE sends {@code size=720x1280}; ASPECT_RATIO_RESOLUTION sends {@code aspect_ratio=9:16}
 *                         and {@code resolution=720p}, as some gateways want
 * @param bodyStyle        MULTIPART (the contract: the image as an {@code input_reference} part) or JSON (a gateway
 *                         variant: the image as a data URL in {@code image_urls}; unconfirmed which gateways accept it)
 * @param secondsAsInteger send {@code seconds} as a JSON number instead of a string; only JSON bodies can tell the
 *                         difference, multipart values are text either way
 * @param allowedSeconds   clip lengths the model takes; a request gets the nearest (ties go longer: assembly can
 *                         trim, not stretch); empty sends the requested length as is
 * @param sizes            frame sizes the model takes (SIZE style); a request gets the closest shape
 * @param aspectRatios     aspect ratios the model takes (ASPECT_RATIO_RESOLUTION style)
 * @param resolution       resolution asked for in ASPECT_RATIO_RESOLUTION style, e.g. {@code 720p}
 * @param downloadHosts    hosts besides the API's that {@code /content} may redirect to (a CDN, a bucket); a
 *                         redirect anywhere else is refused
 * @param connectTimeout   bound on opening a connection: a reachable API accepts within a second, so longer means
 *                         a network problem, retried later
 * @param createTimeout    bound on the create call: it uploads the reference image and the server checks it before
 *                         answering, a few seconds normally; past this the call is retried after an earlier-video
 *                         lookup, never blindly
 * @param requestTimeout   bound on status, list and delete calls: small JSON answers, so longer means trouble,
 *                         and the poll job simply asks again later
 * @param downloadTimeout  bound on a whole video download, body included: a 12 s 1080p clip is tens of megabytes,
 *                         a few seconds on a healthy link; five minutes tolerates a slow one without holding a
 *                         worker thread for good
 * @param maxResponseBytes cap on a JSON answer: a list page of {@code listLimit} videos with long prompts fits
 * @param maxVideoBytes    cap on a downloaded video: far above any 12 s clip, far below a full disk
 * @param listLimit        videos per page when looking for an earlier submission
 * @param listPages        pages read at most; a lookup that reaches this while still inside the time window
 *                         answers AMBIGUOUS rather than guess
 * @param clockSkew        slack when comparing the provider's {@code created_at} with our intent time: the two
 *                         clocks differ, and the intent is recorded just before the call
 */
@ConfigurationProperties("goblina.sora")
@Requires(condition = SoraKeyConfigured.class)
public record SoraConfig(
        @Nullable String apiKey,
        @Nullable @Property(name = SoraConfig.FALLBACK_KEY) String openAiApiKey,
        @NotNull @Bindable(defaultValue = "https://api.openai.com/v1") URI baseUrl,
        @NotBlank @Bindable(defaultValue = "sora-2") String model,
        @NotNull @Bindable(defaultValue = "SIZE") SizeStyle sizeStyle,
        @NotNull @Bindable(defaultValue = "MULTIPART") BodyStyle bodyStyle,
        @Bindable(defaultValue = "false") boolean secondsAsInteger,
        @NotNull @Bindable(defaultValue = "4,8,12") List<Integer> allowedSeconds,
        @NotEmpty @Bindable(defaultValue = "720x1280,1280x720,1024x1792,1792x1024") List<String> sizes,
        @NotEmpty @Bindable(defaultValue = "16:9,9:16,1:1") List<String> aspectRatios,
        @NotBlank @Bindable(defaultValue = "720p") String resolution,
        @Nullable List<String> downloadHosts,
        @NotNull @Bindable(defaultValue = "5s") Duration connectTimeout,
        @NotNull @Bindable(defaultValue = "60s") Duration createTimeout,
        @NotNull @Bindable(defaultValue = "20s") Duration requestTimeout,
        @NotNull @Bindable(defaultValue = "5m") Duration downloadTimeout,
        @Min(1024) @Bindable(defaultValue = "4194304") int maxResponseBytes,
        @Min(1024) @Bindable(defaultValue = "536870912") long maxVideoBytes,
        @Min(1) @Max(100) @Bindable(defaultValue = "20") int listLimit,
        @Min(1) @Max(50) @Bindable(defaultValue = "5") int listPages,
        @NotNull @Bindable(defaultValue = "2m") Duration clockSkew) {

    /** The property whose presence switches the Sora adapter on (see {@link SoraKeyConfigured} for the fallback). */
    public static final String API_KEY = "goblina.sora.api-key";
    /** Where the key comes from when no Sora key is set: OpenAI's, for OpenAI's own service. */
    public static final String FALLBACK_KEY = "goblina.openai.api-key";

    /** How the frame is named in a create. */
    public enum SizeStyle { SIZE, ASPECT_RATIO_RESOLUTION }

    /** How a create is encoded. */
    public enum BodyStyle { MULTIPART, JSON }

    public SoraConfig {
        apiKey = apiKey != null && !apiKey.isBlank() ? apiKey.strip() : openAiApiKey == null ? null : openAiApiKey.strip();
        if (apiKey == null || apiKey.isEmpty()) {
            throw new IllegalArgumentException("goblina.sora.api-key (or goblina.openai.api-key) must be set");
        }
        if (baseUrl != null && baseUrl.toString().endsWith("/")) {
            String text = baseUrl.toString();
            baseUrl = URI.create(text.substring(0, text.length() - 1));
        }
        allowedSeconds = allowedSeconds == null ? List.of() : List.copyOf(allowedSeconds);
        downloadHosts = downloadHosts == null ? List.of()
                : downloadHosts.stream().filter(h -> h != null && !h.isBlank()).toList();
        if (sizes != null && !sizes.stream().allMatch(s -> s != null && s.matches("\\d+x\\d+"))) {
            throw new IllegalArgumentException("goblina.sora.sizes must look like 720x1280, not " + sizes);
        }
        if (aspectRatios != null && !aspectRatios.stream().allMatch(r -> r != null && r.matches("[1-9]\\d*:[1-9]\\d*"))) {
            throw new IllegalArgumentException("goblina.sora.aspect-ratios must look like 9:16, not " + aspectRatios);
        }
        if (resolution != null && !resolution.matches("[1-9]\\d*p")) {
            throw new IllegalArgumentException("goblina.sora.resolution must look like 720p, not " + resolution);
        }
        for (Duration d : new Duration[] {connectTimeout, createTimeout, requestTimeout, downloadTimeout, clockSkew}) {
            if (d != null && (d.isNegative() || d.isZero())) {
                throw new IllegalArgumentException("goblina.sora timeouts and skew must be more than 0, not " + d);
            }
        }
    }

    /** The endpoint at {@code path} (e.g. {@code /videos}) under the base URL. */
    URI endpoint(String path) {
        return URI.create(baseUrl + path);
    }

    @Override
    public String toString() {
        return "SoraConfig[apiKey=****, openAiApiKey=" + (openAiApiKey == null ? "unset" : "****") + ", baseUrl=" + baseUrl + ", model=" + model + ", sizeStyle=" + sizeStyle
                + ", bodyStyle=" + bodyStyle + ", secondsAsInteger=" + secondsAsInteger + ", allowedSeconds="
                + allowedSeconds + ", sizes=" + sizes + ", aspectRatios=" + aspectRatios + ", resolution=" + resolution
                + ", downloadHosts=" + downloadHosts + ", connectTimeout=" + connectTimeout + ", createTimeout="
                + createTimeout + ", requestTimeout=" + requestTimeout + ", downloadTimeout=" + downloadTimeout
                + ", maxResponseBytes=" + maxResponseBytes + ", maxVideoBytes=" + maxVideoBytes + ", listLimit="
                + listLimit + ", listPages=" + listPages + ", clockSkew=" + clockSkew + "]";
    }
}
