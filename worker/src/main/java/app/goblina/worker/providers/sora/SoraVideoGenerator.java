package app.goblina.worker.providers.sora;

import app.goblina.clips.ClipJob;
import app.goblina.clips.ClipRequest;
import app.goblina.clips.EarlierSubmission;
import app.goblina.clips.VideoGenerator;
import app.goblina.failures.PermanentFailure;
import app.goblina.failures.TransientFailure;
import app.goblina.worker.providers.images.ReferenceFrames;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A video model behind the Sora Videos contract ({@code /v1/videos}): OpenAI's own service until its shutdown on
 * 2026-09-24, and the gateways that still serve the contract (base URL, model and field variants in
 * {@link SoraConfig}). Exists only when {@code goblina.sora.api-key} is set.
 *
 * <ul>
 *   <li>{@link #submit}: one multipart (or JSON) create with the prompt, model, a length the model takes, the
 *       frame, and the character image fitted to exactly that frame (Sora refuses a reference of another size).</li>
 *   <li>{@link #status}: {@code GET /videos/{id}}; the server's {@code openai-poll-after-ms} becomes
 *       {@link ClipJob#pollAfter()}. A content-policy refusal is a FAILED job with the provider's message, not an
 *       exception.</li>
 *   <li>{@link #download}: see {@link SoraDownloads}: redirects only to allowed hosts; a stale link is a
 *       {@link TransientFailure} (the retry fetches a new one), a vanished or expired video a
 *       {@link PermanentFailure}.</li>
 *   <li>{@link #findEarlier}: see {@link SoraEarlierSubmissions}.</li>
 *   <li>{@link #cancel}: the contract cannot stop a running render (there is no cancel call): for a queued or
 *       running video this does nothing, and the render finishes and is billed. A completed or failed video is
 *       deleted from the provider ({@code DELETE /videos/{id}}), so nothing of a cancelled project stays there.</li>
 * </ul>
 *
 * <p>Every method blocks for at most one exchange per step (list pages, redirect hops) and throws
 * {@link TransientFailure} (timeouts, 429 rate limits with their delay, 5xx) or {@link PermanentFailure} (bad key,
 * {@code insufficient_quota}, a refused request). The key is never logged nor put in a message.
 */
@Singleton
@Requires(condition = SoraKeyConfigured.class)
public class SoraVideoGenerator implements VideoGenerator {

    private static final Logger LOG = LoggerFactory.getLogger(SoraVideoGenerator.class);
    private static final ReferenceFrames.Encoding REFERENCE_ENCODING = ReferenceFrames.Encoding.PNG;

    private final SoraApi api;
    private final SoraDownloads downloads;
    private final SoraEarlierSubmissions earlier;

    public SoraVideoGenerator(SoraConfig config, Clock clock) {
        this.api = new SoraApi(config, clock);
        this.downloads = new SoraDownloads(api, clock);
        this.earlier = new SoraEarlierSubmissions(api);
    }

    @Override
    public String name() {
        return SoraApi.PROVIDER;
    }

    @Override
    public ClipJob submit(ClipRequest request) {
        SoraShape shape = SoraShape.of(request, api.config());
        byte[] reference = request.referenceImage() == null ? null
                : ReferenceFrames.fit(request.referenceImage(), shape.width(), shape.height(), request.palette(),
                        REFERENCE_ENCODING);
        SoraCreateBody body = SoraCreateBody.of(api.config(), shape, request.prompt(), reference, REFERENCE_ENCODING);
        SoraApi.Answer<SoraVideo> created = api.create(body, shape.model(), request.idempotencyKey());
        LOG.info("Sora video {} created for clip {} ({} {}s {})", created.value().id(), request.idempotencyKey(),
                shape.model(), shape.seconds(), shape.size() != null ? shape.size() : shape.aspectRatio());
        return created.value().toClipJob(created.pollAfter());
    }

    @Override
    public ClipJob status(String providerJobId) {
        SoraApi.Answer<SoraVideo> answer = api.retrieve(providerJobId);
        return answer.value().toClipJob(answer.pollAfter());
    }

    /**
     * Streams the video to {@code target}.
     *
     * @throws TransientFailure when the signed link expired while the video is still completed at the provider
     *     (the retry fetches a fresh link), on timeouts, rate limits and 5xx
     * @throws PermanentFailure when the video is gone (deleted, past {@code expires_at}), the redirect leads to a
     *     host not allowed, or the file is larger than {@code max-video-bytes}
     */
    @Override
    public void download(String providerJobId, Path target) {
        downloads.download(providerJobId, target);
    }

    @Override
    public EarlierSubmission findEarlier(ClipRequest request, Instant intentRecordedAt,
            Predicate<String> claimedByAnotherClip) {
        return earlier.find(request, intentRecordedAt, claimedByAnotherClip);
    }

    /**
     * Deletes a finished video; leaves a queued or running one alone, since the contract has no way to stop it.
     * An unknown id is already gone: nothing to do.
     */
    @Override
    public void cancel(String providerJobId) {
        SoraVideo video;
        try {
            video = api.retrieve(providerJobId).value();
        } catch (PermanentFailure unknown) {
            LOG.info("Sora video {} not cancelled: {}", providerJobId, unknown.getMessage());
            return;
        }
        if (!video.isFinished()) {
            LOG.info("Sora video {} is {}: the contract cannot stop it; it will finish and be billed", providerJobId,
                    video.status());
            return;
        }
        api.delete(providerJobId);
    }
}
