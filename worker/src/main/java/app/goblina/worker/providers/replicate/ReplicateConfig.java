package app.goblina.worker.providers.replicate;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * How to reach Replicate, bound from {@code goblina.replicate.*}. The token comes from the environment
 * ({@code REPLICATE_API_TOKEN}, mapped in application.yml; {@code GOBLINA_REPLICATE_API_TOKEN} works too); the
 * adapter exists only when it is set. {@link #toString()} masks it.
 *
 * @param apiToken         sent as {@code Authorization: Bearer}
 * @param baseUrl          the API root, {@code https://api.replicate.com}
 * @param model            {@code owner/name} of the image-to-video model used when a project names none
 * @param imageField       the model's input taking the start frame; empty picks by family: {@code start_image}
 *                         for Kling, {@code image} for the others (Seedance, Wan, ...). Check the live version's
 *                         schema before relying on it
 * @param durationField    the model's input taking the length in seconds
 * @param aspectRatioField the model's input taking the aspect ratio
 * @param durations        lengths the model takes (Kling: 5, 10; Seedance: 2–12); a request gets the nearest, ties
 *                         longer; empty sends the requested length as is
 * @param aspectRatios     aspect ratios the model takes; a request gets the closest
 * @param webhookUrl       public URL of our API's {@code /v1/webhooks/replicate}; when set, Replicate calls it on
 *                         completion and the clip is fetched at once instead of at the next scheduled poll
 * @param preferWait       seconds a create may hold the connection for a result ({@code Prefer: wait}, 1–60), 0 to
 *                         never wait: a video takes minutes, so waiting mostly holds a worker thread for nothing
 * @param downloadHosts    hosts outputs may be downloaded from, subdomains included
 * @param connectTimeout   bound on opening a connection: a reachable API accepts within a second
 * @param createTimeout    bound on the create call, which carries the start frame inline; it must exceed
 *                         {@code preferWait}. Past it the call is retried only after an earlier-prediction lookup
 * @param requestTimeout   bound on status, list and cancel calls: small JSON answers, so longer means trouble
 * @param downloadTimeout  bound on a whole output download, body included; outputs live one hour, so this stays
 *                         well inside it
 * @param maxResponseBytes cap on a prediction answer, which echoes our input, start frame included
 * @param maxListBytes     cap on one page of the prediction list: up to 100 predictions, each echoing its input
 * @param maxVideoBytes    cap on a downloaded video
 * @param listPages        pages of the list read at most when looking for an earlier prediction; reaching it while
 *                         still inside the time window answers AMBIGUOUS
 * @param clockSkew        slack when comparing Replicate's {@code created_at} with our intent time
 * @param outputLifetime   how long Replicate keeps outputs (one hour, documented): a refused download inside it is
 *                         worth retrying, after it is final
 */
@ConfigurationProperties("goblina.replicate")
@Requires(property = ReplicateConfig.API_TOKEN, pattern = ReplicateConfig.SET)
public record ReplicateConfig(
        @NotBlank String apiToken,
        @NotNull @Bindable(defaultValue = "https://api.replicate.com") URI baseUrl,
        @NotNull @Pattern(regexp = ReplicateConfig.MODEL_NAME) @Bindable(defaultValue = "kwaivgi/kling-v2.5-turbo-pro") String model,
        @Nullable String imageField,
        @NotBlank @Bindable(defaultValue = "duration") String durationField,
        @NotBlank @Bindable(defaultValue = "aspect_ratio") String aspectRatioField,
        @NotNull @Bindable(defaultValue = "5,10") List<Integer> durations,
        @NotEmpty @Bindable(defaultValue = "16:9,9:16,1:1") List<String> aspectRatios,
        @Nullable URI webhookUrl,
        @Min(0) @Max(60) @Bindable(defaultValue = "0") int preferWait,
        @NotNull @Bindable(defaultValue = "replicate.delivery") List<String> downloadHosts,
        @NotNull @Bindable(defaultValue = "5s") Duration connectTimeout,
        @NotNull @Bindable(defaultValue = "30s") Duration createTimeout,
        @NotNull @Bindable(defaultValue = "20s") Duration requestTimeout,
        @NotNull @Bindable(defaultValue = "5m") Duration downloadTimeout,
        @Min(1024) @Bindable(defaultValue = "4194304") int maxResponseBytes,
        @Min(1024) @Bindable(defaultValue = "33554432") int maxListBytes,
        @Min(1024) @Bindable(defaultValue = "536870912") long maxVideoBytes,
        @Min(1) @Max(50) @Bindable(defaultValue = "3") int listPages,
        @NotNull @Bindable(defaultValue = "2m") Duration clockSkew,
        @NotNull @Bindable(defaultValue = "1h") Duration outputLifetime) {

    /** The property whose presence switches the Replicate adapter on. */
    public static final String API_TOKEN = "goblina.replicate.api-token";
    /** A token of whitespace, as an empty environment variable leaves, counts as unset. */
    static final String SET = "(?s).*\\S.*";
    static final String MODEL_NAME = "[A-Za-z0-9][A-Za-z0-9._-]*/[A-Za-z0-9][A-Za-z0-9._-]*";

    public ReplicateConfig {
        if (baseUrl != null && baseUrl.toString().endsWith("/")) {
            String text = baseUrl.toString();
            baseUrl = URI.create(text.substring(0, text.length() - 1));
        }
        durations = durations == null ? List.of() : List.copyOf(durations);
        downloadHosts = downloadHosts == null ? List.of() : downloadHosts.stream().filter(h -> h != null && !h.isBlank()).toList();
        if (aspectRatios != null && !aspectRatios.stream().allMatch(r -> r != null && r.matches("[1-9]\\d*:[1-9]\\d*"))) {
            throw new IllegalArgumentException("goblina.replicate.aspect-ratios must look like 9:16, not " + aspectRatios);
        }
        for (Duration d : new Duration[] {connectTimeout, createTimeout, requestTimeout, downloadTimeout, clockSkew, outputLifetime}) {
            if (d != null && (d.isNegative() || d.isZero())) {
                throw new IllegalArgumentException("goblina.replicate timeouts and durations must be more than 0, not " + d);
            }
        }
        if (createTimeout != null && preferWait > 0 && createTimeout.compareTo(Duration.ofSeconds(preferWait)) <= 0) {
            throw new IllegalArgumentException("goblina.replicate.create-timeout must exceed prefer-wait ("
                    + preferWait + " s), or every waiting create would time out");
        }
    }

    /** The endpoint at {@code path} (e.g. {@code /v1/predictions}) under the base URL. */
    URI endpoint(String path) {
        return URI.create(baseUrl + path);
    }

    @Override
    public String toString() {
        return "ReplicateConfig[apiToken=****, baseUrl=" + baseUrl + ", model=" + model + ", imageField=" + imageField
                + ", durationField=" + durationField + ", aspectRatioField=" + aspectRatioField + ", durations="
                + durations + ", aspectRatios=" + aspectRatios + ", webhookUrl=" + webhookUrl + ", preferWait="
                + preferWait + ", downloadHosts=" + downloadHosts + ", connectTimeout=" + connectTimeout
                + ", createTimeout=" + createTimeout + ", requestTimeout=" + requestTimeout + ", downloadTimeout="
                + downloadTimeout + ", maxResponseBytes=" + maxResponseBytes + ", maxListBytes=" + maxListBytes
                + ", maxVideoBytes=" + maxVideoBytes + ", listPages=" + listPages + ", clockSkew=" + clockSkew
                + ", outputLifetime=" + outputLifetime + "]";
    }
}
