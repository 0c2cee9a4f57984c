package app.goblina.worker.providers.local;

import app.goblina.clips.ClipJob;
import app.goblina.clips.ClipRequest;
import app.goblina.clips.EarlierSubmission;
import app.goblina.clips.VideoGenerator;
import app.goblina.failures.PermanentFailure;
import app.goblina.storage.BlobStore;
import app.goblina.worker.WorkerConfig;
import app.goblina.worker.limits.MediaSlots;
import app.goblina.worker.media.ClipRenderer;
import app.goblina.worker.media.ClipRenderer.ClipSpec;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The video model that needs no network and no key: renders the clip with FFmpeg from the character image (slow
 * zoom and pan over a palette backdrop), as a video model would, without text. It keeps the provider contract: submit
 * returns an id, status and download answer by that id. Renders live in the blob store under
 * {@code local-video/}, shared by every worker like a provider's storage; the id is the idempotency key, so a
 * resubmission finds the earlier render instead of making another.
 */
@Singleton
public class LocalVideoGenerator implements VideoGenerator {

    static final String PREFIX = "local-video/";
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9-]{1,64}");

    private final BlobStore blobs;
    private final ClipRenderer renderer;
    private final MediaSlots slots;
    private final WorkerConfig config;

    public LocalVideoGenerator(BlobStore blobs, ClipRenderer renderer, MediaSlots slots, WorkerConfig config) {
        this.blobs = blobs;
        this.renderer = renderer;
        this.slots = slots;
        this.config = config;
    }

    @Override
    public String name() {
        return "local";
    }

    @Override
    public ClipJob submit(ClipRequest request) {
        String id = request.idempotencyKey();
        if (!SAFE_ID.matcher(id).matches()) {
            throw new PermanentFailure("invalid idempotency key");
        }
        if (!blobs.exists(key(id))) {
            render(request, id);
        }
        return new ClipJob(id, ClipJob.State.SUCCEEDED, 100, null, Duration.ZERO);
    }

    @Override
    public ClipJob status(String providerJobId) {
        if (!SAFE_ID.matcher(providerJobId).matches() || !blobs.exists(key(providerJobId))) {
            return new ClipJob(providerJobId, ClipJob.State.FAILED, 0, "no local render with this id", null);
        }
        return new ClipJob(providerJobId, ClipJob.State.SUCCEEDED, 100, null, null);
    }

    @Override
    public void download(String providerJobId, Path target) {
        try {
            blobs.download(key(providerJobId), target);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Renders are keyed by the idempotency key, so an earlier one is found exactly. */
    @Override
    public EarlierSubmission findEarlier(ClipRequest request, Instant intentRecordedAt,
            Predicate<String> claimedByAnotherClip) {
        String id = request.idempotencyKey();
        if (SAFE_ID.matcher(id).matches() && blobs.exists(key(id))) {
            return EarlierSubmission.found(new ClipJob(id, ClipJob.State.SUCCEEDED, 100, null, Duration.ZERO));
        }
        return EarlierSubmission.notFound();
    }

    /** A local render is finished by the time submit returns: nothing to stop. */
    @Override
    public void cancel(String providerJobId) {
    }

    private void render(ClipRequest request, String id) {
        try {
            Path dir = Files.createDirectories(Path.of(config.workDir()));
            Path image = Files.createTempFile(dir, "character-", extension(request.imageMediaType()));
            Path clip = Files.createTempFile(dir, "local-clip-", ".mp4");
            try {
                Files.write(image, request.referenceImage());
                // No text in the clip itself: the assembly burns the scene's caption, styled and timed, and two
                // captions on one frame would collide.
                ClipSpec spec = new ClipSpec(request.width(), request.height(), 30, request.seconds(), request.palette(), null);
                slots.run(() -> {
                    renderer.render(spec, image, clip);
                    return null;
                });
                blobs.put(key(id), clip, "video/mp4");
            } finally {
                Files.deleteIfExists(image);
                Files.deleteIfExists(clip);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("Local render failed", e);
        }
    }

    private static String extension(String mediaType) {
        return switch (mediaType) {
            case "image/jpeg" -> ".jpg";
            case "image/webp" -> ".webp";
            default -> ".png";
        };
    }

    private static String key(String id) {
        return PREFIX + id + ".mp4";
    }
}
