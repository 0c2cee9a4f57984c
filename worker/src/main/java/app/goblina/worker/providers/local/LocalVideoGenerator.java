package app.goblina.worker.providers.local;

import app.goblina.clips.ClipJob;
import app.goblina.clips.ClipRequest;
import app.goblina.clips.EarlierSubmission;
import app.goblina.clips.VideoGenerator;
import app.goblina.failures.PermanentFailure;
import app.goblina.storage.BlobStore;
import app.goblina.worker.WorkerConfig;
import app.goblina.worker.limits.MediaSlots;
import app.goblina.narration.NarrationRequest;
import app.goblina.worker.media.AnimatedClip;
import app.goblina.worker.media.AnimatedClipRenderer;
import app.goblina.worker.media.ClipRenderer.ClipSpec;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The video model that needs no network and no key: animates the character image with FFmpeg, as a video model
 * would, without text. The character is cut out and bobs, squashes and stretches on the preset's beat
 * ({@link PresetMotion}), its mouth opening to the rhythm the local narrator gives the scene's line
 * ({@link SpeechRhythm}, at that narrator's words per minute for the preset), over a drifting backdrop in the style
 * guide's palette, graded by preset. The same request gives the same clip. It keeps the provider contract: submit
 * returns an id, status and download answer by that id. Renders live in the blob store under
 * {@code local-video/}, shared by every worker like a provider's storage; the id is the idempotency key, so a
 * resubmission finds the earlier render instead of making another.
 */
@Singleton
public class LocalVideoGenerator implements VideoGenerator {

    static final String PREFIX = "local-video/";
    static final int FPS = 30;
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9-]{1,64}");

    private final BlobStore blobs;
    private final AnimatedClipRenderer renderer;
    private final MediaSlots slots;
    private final WorkerConfig config;

    public LocalVideoGenerator(BlobStore blobs, AnimatedClipRenderer renderer, MediaSlots slots, WorkerConfig config) {
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
                AnimatedClip animation = animation(request);
                slots.run(() -> {
                    renderer.render(animation, image, clip);
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

    /** The clip for {@code request}: its preset's motion, and a mouth that follows its line as narrated locally. */
    public static AnimatedClip animation(ClipRequest request) {
        ClipSpec frame = new ClipSpec(request.width(), request.height(), FPS, request.seconds(), request.palette(), null);
        int wordsPerMinute = LocalNarrator.delivery(
                new NarrationRequest(request.idempotencyKey(), "", null, null, request.preset())).wordsPerMinute();
        double[] mouth = SpeechRhythm.envelope(request.caption(), wordsPerMinute, FPS, frame.frameCount());
        return new AnimatedClip(frame, PresetMotion.of(request.preset()), mouth, seed(request));
    }

    /**
     * From what the clip shows, so the same scene renders the same wherever and whenever it is rendered; a
     * regenerated scene's generation is part of it, so its new clip is a new render.
     */
    private static long seed(ClipRequest request) {
        String scene = request.prompt() + "\n" + request.caption() + "\n" + String.join(",", request.palette())
                + (request.generation() == 0 ? "" : "\n" + request.generation());
        return UUID.nameUUIDFromBytes(scene.getBytes(StandardCharsets.UTF_8)).getMostSignificantBits();
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
