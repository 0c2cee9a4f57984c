package app.goblina.worker.providers.fal;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * How to reach fal's queue, bound from {@code goblina.fal.*}; see docs/providers/fal.md. The key comes from the
 * environment ({@code GOBLINA_FAL_KEY}); the configuration exists only when it is set. {@link #toString()} masks it.
 *
 * @param key              sent as {@code Authorization: Key}
 * @param queueUrl         the queue root, {@code https://queue.fal.run}
 * @param platformUrl      the Platform API root, whose request history the earlier-submission lookup reads
 * @param model            the model id used when a project names none, sub-path included
 * @param promptField      the model's input taking the prompt
 * @param imageField       the model's input taking the start frame (a data URL)
 * @param durationField    the model's input taking the length in seconds
 * @param durationAsString Kling takes its length as an enum string ({@code "5"}), others as a number
 * @param aspectRatioField the model's input taking the aspect ratio; empty for models whose frame follows the
 *                         image (Kling image-to-video)
 * @param durations        lengths the model takes; a request gets the nearest, ties longer
 * @param aspectRatios     aspect ratios the model takes; a request gets the closest
 * @param webhookUrl       public URL of our API's {@code /v1/webhooks/fal}, sent as {@code fal_webhook}
 * @param downloadHosts    hosts outputs may be downloaded from, subdomains included
 * @param connectTimeout   bound on opening a connection: a reachable API accepts within a second
 * @param createTimeout    bound on a submit, which carries the start frame inline; a submit only queues, so
 *                         past this the outcome is unknown and the lookup decides
 * @param requestTimeout   bound on status, result, cancel and history calls: small answers
 * @param downloadTimeout  bound on a whole output download, body included
 * @param maxResponseBytes cap on a status or result answer
 * @param maxHistoryBytes  cap on one history page, whose items echo our inline start frame
 * @param maxVideoBytes    cap on a downloaded video
 * @param historySettles   how long after an intent a request made then has surely ended and is listed in the
 *                         history (longest queue plus render time); before it, finding nothing proves nothing
 * @param clockSkew        slack when comparing fal's {@code sent_at} with our intent time
 * @param historyListsUnfinished the history lists requests still queued or running too, so finding nothing proves
 *                         nothing was queued at once (fal does not document it; off: wait for historySettles)
 * @param pollInterval     how long the poll job waits between two looks at a request not completed
 */
@ConfigurationProperties("goblina.fal")
@Requires(property = FalConfig.KEY, pattern = FalConfig.SET)
public record FalConfig(
        @NotBlank String key,
        @NotNull @Bindable(defaultValue = "https://queue.fal.run") URI queueUrl,
        @NotNull @Bindable(defaultValue = "https://api.fal.ai/v1") URI platformUrl,
        @NotBlank @Bindable(defaultValue = "fal-ai/kling-video/v2.5-turbo/pro/image-to-video") String model,
        @NotBlank @Bindable(defaultValue = "prompt") String promptField,
        @NotBlank @Bindable(defaultValue = "image_url") String imageField,
        @NotBlank @Bindable(defaultValue = "duration") String durationField,
        @Bindable(defaultValue = "true") boolean durationAsString,
        @Nullable String aspectRatioField,
        @NotNull @Bindable(defaultValue = "5,10") List<Integer> durations,
        @NotNull @Bindable(defaultValue = "16:9,9:16,1:1") List<String> aspectRatios,
        @Nullable URI webhookUrl,
        @NotNull @Bindable(defaultValue = "fal.media") List<String> downloadHosts,
        @NotNull @Bindable(defaultValue = "5s") Duration connectTimeout,
        @NotNull @Bindable(defaultValue = "30s") Duration createTimeout,
        @NotNull @Bindable(defaultValue = "20s") Duration requestTimeout,
        @NotNull @Bindable(defaultValue = "5m") Duration downloadTimeout,
        @Min(1024) @Bindable(defaultValue = "1048576") int maxResponseBytes,
        @Min(1024) @Bindable(defaultValue = "33554432") int maxHistoryBytes,
        @Min(1024) @Bindable(defaultValue = "536870912") long maxVideoBytes,
        @NotNull @Bindable(defaultValue = "30m") Duration historySettles,
        @NotNull @Bindable(defaultValue = "2m") Duration clockSkew,
        @Bindable(defaultValue = "false") boolean historyListsUnfinished,
        @NotNull @Bindable(defaultValue = "5s") Duration pollInterval) {

    /** The property whose presence switches fal on. */
    public static final String KEY = "goblina.fal.key";
    /** A key of whitespace, as an empty environment variable leaves, counts as unset. */
    static final String SET = "(?s).*\\S.*";
    /** {@code owner/alias} and an optional sub-path, as fal names endpoints. */
    static final String MODEL_ID = "[A-Za-z0-9][A-Za-z0-9._-]*(/[A-Za-z0-9][A-Za-z0-9._-]*)+";

    public FalConfig {
        queueUrl = withoutTrailingSlash(queueUrl);
        platformUrl = withoutTrailingSlash(platformUrl);
        if (model != null && !model.isBlank() && !model.matches(MODEL_ID)) {
            throw new IllegalArgumentException("goblina.fal.model must look like owner/alias/sub-path, not " + model);
        }
        aspectRatioField = aspectRatioField == null || aspectRatioField.isBlank() ? null : aspectRatioField.strip();
        durations = durations == null ? List.of() : List.copyOf(durations);
        downloadHosts = downloadHosts == null ? List.of() : downloadHosts.stream().filter(h -> h != null && !h.isBlank()).toList();
        if (aspectRatios != null && !aspectRatios.stream().allMatch(r -> r != null && r.matches("[1-9]\\d*:[1-9]\\d*"))) {
            throw new IllegalArgumentException("goblina.fal.aspect-ratios must look like 9:16, not " + aspectRatios);
        }
        for (Duration d : new Duration[] {connectTimeout, createTimeout, requestTimeout, downloadTimeout, historySettles, clockSkew,
                pollInterval}) {
            if (d != null && (d.isNegative() || d.isZero())) {
                throw new IllegalArgumentException("goblina.fal timeouts and durations must be more than 0, not " + d);
            }
        }
    }

    /** {@code owner/alias} of an endpoint id: what status, result and cancel paths name. */
    static String app(String model) {
        String[] parts = model.split("/");
        return parts[0] + "/" + parts[1];
    }

    private static URI withoutTrailingSlash(URI uri) {
        if (uri == null || !uri.toString().endsWith("/")) {
            return uri;
        }
        String text = uri.toString();
        return URI.create(text.substring(0, text.length() - 1));
    }

    @Override
    public String toString() {
        return "FalConfig[key=****, queueUrl=" + queueUrl + ", platformUrl=" + platformUrl + ", model=" + model
                + ", promptField=" + promptField + ", imageField=" + imageField + ", durationField=" + durationField
                + ", durationAsString=" + durationAsString + ", aspectRatioField=" + aspectRatioField + ", durations="
                + durations + ", aspectRatios=" + aspectRatios + ", webhookUrl=" + webhookUrl + ", downloadHosts="
                + downloadHosts + ", connectTimeout=" + connectTimeout + ", createTimeout=" + createTimeout
                + ", requestTimeout=" + requestTimeout + ", downloadTimeout=" + downloadTimeout + ", maxResponseBytes="
                + maxResponseBytes + ", maxHistoryBytes=" + maxHistoryBytes + ", maxVideoBytes=" + maxVideoBytes
                + ", historySettles=" + historySettles + ", clockSkew=" + clockSkew + ", historyListsUnfinished="
                + historyListsUnfinished + ", pollInterval=" + pollInterval + "]";
    }
}
