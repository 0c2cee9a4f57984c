package app.goblina.worker.providers.replicate;

import app.goblina.clips.ClipJob;
import app.goblina.clips.ClipRequest;
import app.goblina.clips.EarlierSubmission;
import app.goblina.clips.VideoGenerator;
import app.goblina.failures.PermanentFailure;
import app.goblina.failures.TransientFailure;
import app.goblina.worker.providers.images.ReferenceFrames;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.function.Predicate;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Image-to-video models hosted on Replicate (Kling, Seedance, ...) behind its generic predictions API. Exists only
 * when {@code goblina.replicate.api-token} is set.
 *
 * <ul>
 *   <li>{@link #submit}: {@code POST /v1/models/{owner}/{name}/predictions} with {@code input} = the prompt, the
 *       start frame as a data URL under the model family's field name, a length and an aspect ratio the model
 *       takes; plus {@code webhook} and {@code webhook_events_filter: ["completed"]} when a webhook URL is
 *       configured.</li>
 *   <li>{@link #status}: {@code GET /v1/predictions/{id}}; starting is QUEUED, processing RUNNING (progress from
 *       the logs' percentages when the model prints them), succeeded SUCCEEDED, failed and canceled FAILED with
 *       Replicate's error.</li>
 *   <li>{@link #download}: see {@link ReplicateDownloads}; outputs live one hour, so the poll copies them at once.</li>
 *   <li>{@link #findEarlier}: see {@link ReplicateEarlierSubmissions}.</li>
 *   <li>{@link #cancel}: {@code POST /v1/predictions/{id}/cancel}, which stops a running prediction and its
 *       billing; a finished one is left as it is; an unknown id is ignored.</li>
 * </ul>
 *
 * <p>Every method blocks for at most one exchange per step and throws {@link TransientFailure} (timeouts, 429 with
 * the delay from {@code Retry-After} or from the "resets in ~Ns" text, 5xx) or {@link PermanentFailure} (bad token,
 * out of credit, inputs the model refuses). The token is never logged nor put in a message.
 */
@Singleton
@Requires(property = ReplicateConfig.API_TOKEN, pattern = ReplicateConfig.SET)
public class ReplicateVideoGenerator implements VideoGenerator {

    private static final Logger LOG = LoggerFactory.getLogger(ReplicateVideoGenerator.class);
    /** JPEG keeps the inline data URL (echoed in every status and list answer) around a tenth of a PNG's size. */
    private static final ReferenceFrames.Encoding START_FRAME = ReferenceFrames.Encoding.JPEG;

    private final ReplicateApi api;
    private final ReplicateDownloads downloads;
    private final ReplicateEarlierSubmissions earlier;

    public ReplicateVideoGenerator(ReplicateConfig config, Clock clock) {
        this.api = new ReplicateApi(config, clock);
        this.downloads = new ReplicateDownloads(api, clock);
        this.earlier = new ReplicateEarlierSubmissions(api);
    }

    @Override
    public String name() {
        return ReplicateApi.PROVIDER;
    }

    @Override
    public ClipJob submit(ClipRequest request) {
        ReplicateConfig config = api.config();
        ReplicateShape shape = ReplicateShape.of(request, config);
        ObjectNode body = ReplicatePrediction.JSON.createObjectNode();
        ObjectNode input = body.putObject("input")
                .put("prompt", request.prompt())
                .put(config.durationField(), shape.seconds())
                .put(config.aspectRatioField(), shape.aspectRatio());
        if (request.referenceImage() != null) {
            byte[] frame = ReferenceFrames.fit(request.referenceImage(), shape.width(), shape.height(), request.palette(),
                    START_FRAME);
            input.put(shape.imageField(), "data:" + START_FRAME.mediaType() + ";base64,"
                    + Base64.getEncoder().encodeToString(frame));
        }
        if (config.webhookUrl() != null) {
            body.put("webhook", config.webhookUrl().toString());
            body.putArray("webhook_events_filter").add("completed");
        }
        ReplicatePrediction created = api.create(shape.model(), body);
        LOG.info("Replicate prediction {} created for clip {} ({} {}s {})", created.id(), request.idempotencyKey(),
                shape.model(), shape.seconds(), shape.aspectRatio());
        return created.toClipJob();
    }

    @Override
    public ClipJob status(String providerJobId) {
        return api.get(providerJobId).toClipJob();
    }

    /**
     * Streams the output to {@code target}.
     *
     * @throws TransientFailure when the prediction is not finished, or the output was refused within its hour
     * @throws PermanentFailure when the output is gone (after an hour), not on an allowed host, or too large
     */
    @Override
    public void download(String providerJobId, Path target) {
        downloads.download(providerJobId, target);
    }

    /** From the output link of the status answer just received, without asking for the prediction again. */
    @Override
    public void download(ClipJob finished, Path target) {
        downloads.download(finished, target);
    }

    @Override
    public EarlierSubmission findEarlier(ClipRequest request, Instant intentRecordedAt,
            Predicate<String> claimedByAnotherClip) {
        return earlier.find(request, intentRecordedAt, claimedByAnotherClip);
    }

    @Override
    public void cancel(String providerJobId) {
        try {
            ReplicatePrediction after = api.cancel(providerJobId);
            LOG.info("Replicate prediction {} is {} after cancel", providerJobId, after.status());
        } catch (PermanentFailure unknown) {
            LOG.info("Replicate prediction {} not cancelled: {}", providerJobId, unknown.getMessage());
        }
    }
}
