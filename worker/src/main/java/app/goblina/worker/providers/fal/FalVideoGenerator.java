package app.goblina.worker.providers.fal;

import app.goblina.clips.ClipJob;
import app.goblina.clips.ClipRequest;
import app.goblina.clips.EarlierSubmission;
import app.goblina.clips.VideoGenerator;
import app.goblina.failures.PermanentFailure;
import app.goblina.failures.TransientFailure;
import app.goblina.worker.providers.http.CappedBodies;
import app.goblina.worker.providers.http.DownloadHosts;
import app.goblina.worker.providers.http.FailureRules;
import app.goblina.worker.providers.http.VendorMessage;
import app.goblina.worker.providers.images.ReferenceFrames;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Image-to-video models on fal's queue (Kling, Seedance, MiniMax, Wan, ...). Exists only when {@code goblina.fal.key}
 * is set; see docs/providers/fal.md.
 *
 * <ul>
 *   <li>{@link #submit}: {@code POST /{endpoint}} with the prompt, the start frame as a data URL and the length
 *       (and aspect ratio) under the model's own field names; {@code ?fal_webhook=} when a webhook URL is set. The
 *       job id is {@code owner/alias:request_id}.</li>
 *   <li>{@link #status}: {@code IN_QUEUE} is QUEUED, {@code IN_PROGRESS} RUNNING (fal gives no percentage), and
 *       {@code COMPLETED} asks for the result at once (it is kept an hour): an output is SUCCEEDED, the model's
 *       error (a 422 from the content checker, say) FAILED with fal's words.</li>
 *   <li>{@link #download}: asks for the result afresh and streams its {@code video.url} from an allowed host; a
 *       result fal no longer has is a permanent failure, a refused file while the result is there a transient one.</li>
 *   <li>{@link #findEarlier}: see {@link FalEarlierSubmissions}.</li>
 *   <li>{@link #cancel}: {@code PUT .../cancel}, which removes a queued request and asks a running one to stop; a
 *       completed or unknown one is left, quietly.</li>
 * </ul>
 */
@Singleton
@Requires(property = FalConfig.KEY, pattern = FalConfig.SET)
public class FalVideoGenerator implements VideoGenerator {

    private static final Logger LOG = LoggerFactory.getLogger(FalVideoGenerator.class);
    /** JPEG keeps the inline start frame, which the history echoes, small. */
    private static final ReferenceFrames.Encoding START_FRAME = ReferenceFrames.Encoding.JPEG;
    private static final Set<Integer> REFUSED = Set.of(401, 403, 404, 410);

    private final FalApi api;
    private final FalEarlierSubmissions earlier;
    private final DownloadHosts hosts;

    public FalVideoGenerator(FalConfig config, Clock clock) {
        this.api = new FalApi(config, clock);
        this.earlier = new FalEarlierSubmissions(api);
        this.hosts = new DownloadHosts(config.queueUrl(), config.downloadHosts());
    }

    @Override
    public String name() {
        return FalApi.PROVIDER;
    }

    @Override
    public ClipJob submit(ClipRequest request) {
        FalConfig config = api.config();
        FalShape shape = FalShape.of(request, config);
        ObjectNode input = FalApi.JSON.createObjectNode().put(config.promptField(), request.prompt());
        if (shape.inputs().durationAsString()) {
            input.put(config.durationField(), Integer.toString(shape.seconds()));
        } else {
            input.put(config.durationField(), shape.seconds());
        }
        if (shape.aspectRatio() != null) {
            input.put(shape.inputs().aspectRatioField(), shape.aspectRatio());
        }
        if (request.referenceImage() != null) {
            byte[] frame = ReferenceFrames.fit(request.referenceImage(), shape.width(), shape.height(), request.palette(),
                    START_FRAME);
            input.put(config.imageField(), "data:" + START_FRAME.mediaType() + ";base64,"
                    + Base64.getEncoder().encodeToString(frame));
        }
        FalApi.JobRef job = api.submit(shape, input);
        LOG.info("fal request {} queued for clip {} ({} {}s)", job.jobId(), request.idempotencyKey(), shape.model(),
                shape.seconds());
        return new ClipJob(job.jobId(), ClipJob.State.QUEUED, 0, null, config.pollInterval());
    }

    @Override
    public ClipJob status(String providerJobId) {
        return status(FalApi.parse(providerJobId));
    }

    private ClipJob status(FalApi.JobRef job) {
        JsonNode status = api.status(job);
        String state = status.path("status").asText("");
        return switch (state) {
            case "IN_QUEUE" -> new ClipJob(job.jobId(), ClipJob.State.QUEUED, 0, null, api.config().pollInterval());
            case "IN_PROGRESS" -> new ClipJob(job.jobId(), ClipJob.State.RUNNING, 0, null, api.config().pollInterval());
            case "COMPLETED" -> completed(job);
            default -> throw new TransientFailure("fal answered a status it does not document: " + VendorMessage.clean(state,
                    api.config().key()));
        };
    }

    /** A completed request succeeded only if its result has an output: fal ends failed requests COMPLETED too. */
    private ClipJob completed(FalApi.JobRef job) {
        try {
            JsonNode result = api.result(job);
            if (result.path("video").path("url").asText("").isEmpty()) {
                return new ClipJob(job.jobId(), ClipJob.State.FAILED, 0, "fal: the result has no video", null);
            }
            return new ClipJob(job.jobId(), ClipJob.State.SUCCEEDED, 100, null, null);
        } catch (PermanentFailure failed) {
            return new ClipJob(job.jobId(), ClipJob.State.FAILED, 0, failed.reason(), null);
        }
    }

    @Override
    public void download(String providerJobId, Path target) {
        FalApi.JobRef job = FalApi.parse(providerJobId);
        JsonNode result;
        try {
            result = api.result(job);
        } catch (PermanentFailure gone) {
            throw new PermanentFailure("fal: the result is no longer available (fal keeps results an hour): " + gone.reason());
        }
        URI output;
        try {
            output = URI.create(result.path("video").path("url").asText(""));
        } catch (IllegalArgumentException e) {
            throw new PermanentFailure("fal: the output is not a valid URL");
        }
        if (output.getHost() == null || !hosts.allows(output)) {
            throw new PermanentFailure("fal: the output is on " + output.getHost()
                    + ", which is not an allowed download host (goblina.fal.download-hosts)");
        }
        int[] seen = new int[1];
        FailureRules rules = (status, body) -> {
            seen[0] = status;
            return FailureRules.standard().judge(status, body);
        };
        HttpRequest get = HttpRequest.newBuilder(output).timeout(api.config().downloadTimeout()).GET().build();
        try {
            api.http().send(get, CappedBodies.toFile(target, api.config().maxVideoBytes()), rules, api.config().downloadTimeout());
        } catch (PermanentFailure refused) {
            if (REFUSED.contains(seen[0])) {
                throw new TransientFailure("fal: the output download was refused (HTTP " + seen[0]
                        + ") while its result is still there; trying again later");
            }
            throw refused;
        }
    }

    @Override
    public EarlierSubmission findEarlier(ClipRequest request, Instant intentRecordedAt,
            Predicate<String> claimedByAnotherClip) {
        return earlier.find(request, intentRecordedAt, claimedByAnotherClip, this::status);
    }

    @Override
    public void cancel(String providerJobId) {
        FalApi.JobRef job;
        try {
            job = FalApi.parse(providerJobId);
        } catch (PermanentFailure notOurs) {
            LOG.info("fal request {} not cancelled: not a fal job id", providerJobId);
            return;
        }
        try {
            LOG.info("fal request {} is {} after cancel", job.jobId(), api.cancel(job));
        } catch (PermanentFailure finishedOrUnknown) {
            LOG.info("fal request {} not cancelled: {}", job.jobId(), finishedOrUnknown.getMessage());
        }
    }
}
