package app.goblina.worker.media;

import app.goblina.failures.PermanentFailure;
import app.goblina.failures.TransientFailure;
import app.goblina.worker.media.MediaProbe.MediaInfo;
import app.goblina.worker.media.ShortComposer.ClipInput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Joins a project's clips into the finished short, ready to publish: every clip brought to the short's format
 * (size by crop or letterbox, 30 fps or the asked rate, yuv420p BT.709, H.264 High, AAC 48 kHz stereo), put after
 * the previous one with a cut or a crossfade, captions burned in, narration placed on its clip, background music
 * ducked under narration, and the sound normalized to a loudness target with a true-peak ceiling. The MP4 has its
 * index at the front (faststart); a thumbnail and, on request, an animated preview are written with it.
 *
 * <p><b>Fast path.</b> When every clip is already in the short's exact format (H.264 High yuv420p progressive at
 * the output size and a constant output frame rate, BT.709 or untagged, with AAC 48 kHz stereo sound, all clips
 * with the same codec configuration) and the settings ask for nothing that changes pictures or sound (a cut, no
 * captions, no narration, no music, no loudness normalization), the clips are joined by copying their compressed
 * data: nothing is re-encoded and the short is ready in a fraction of a second. Loudness normalization disables the
 * fast path because it changes the sound; callers who trust their clips' levels turn it off to get the fast path.
 *
 * <p><b>Resources.</b> Everything streams a frame at a time: memory stays flat whatever the length (at most two
 * clips are open at once, during a crossfade). Inputs must be local files: FFmpeg may open nothing else, no
 * network protocol, not even from inside a playlist. Every input is probed before any encoding starts, so a bad
 * one fails in milliseconds. Files are written in {@link AssemblySettings#workDir()} under temporary names and
 * moved onto their targets only when all are complete; scratch files are removed on success and failure alike.
 *
 * <p>Blocking and CPU-bound. Thread-safe: each call has its own decoders and encoders.
 */
public final class ShortAssembler {

    /**
     * One clip of the short, in order.
     *
     * @param file the clip; any container, codec, size or frame rate FFmpeg can decode, with or without sound
     * @param caption text to burn in over this clip when captions are on; null or blank for none
     * @param narration spoken narration for this clip (MP3, WAV, AAC, Opus... any audio FFmpeg decodes), or null;
     *     it starts with the clip and is cut where the next clip starts
     */
    public record AssemblyClip(Path file, String caption, Path narration) {
        public AssemblyClip {
            Objects.requireNonNull(file, "file");
        }

        /** A clip without narration. */
        public AssemblyClip(Path file, String caption) {
            this(file, caption, null);
        }
    }

    /**
     * The finished short, as read back from the written file.
     *
     * @param durationSeconds its length (with crossfades, shorter than the clips together by one fade per join)
     * @param width its frame width
     * @param height its frame height
     * @param streamCopied whether the fast path joined the clips without re-encoding
     */
    public record AssembledShort(double durationSeconds, int width, int height, boolean streamCopied) {

        public AssembledShort(double durationSeconds, int width, int height) {
            this(durationSeconds, width, height, false);
        }
    }

    private final MediaProbe probe;
    private final AssemblyInputProbe inputProbe;

    public ShortAssembler() {
        this(new MediaProbe());
    }

    public ShortAssembler(MediaProbe probe) {
        this.probe = Objects.requireNonNull(probe, "probe");
        this.inputProbe = new AssemblyInputProbe(probe);
    }

    /** {@link #assemble(List, AssemblySettings, Path, Path, Path)} without an animated preview. */
    public AssembledShort assemble(List<AssemblyClip> clips, AssemblySettings settings, Path target, Path thumbnail) {
        return assemble(clips, settings, target, thumbnail, null);
    }

    /**
     * Assembles {@code clips} into {@code target} (an MP4), saves a thumbnail to {@code thumbnail} (WebP when its
     * name ends in {@code .webp}, JPEG otherwise): the middle frame of the first clip as it appears in the short,
     * caption included. When {@code preview} is not null, also saves the short's first seconds there as a small
     * looping animated WebP. Targets are replaced if they exist; the short is moved into place last, so a reader
     * that sees it also sees the others.
     *
     * @throws PermanentFailure when an input is missing, not a local file, unreadable, corrupt or without what it
     *     needs (a clip without pictures, a narration or music without sound); the reason names the input
     * @throws TransientFailure when the assembly runs past {@link AssemblySettings#wallClockLimit()}
     * @throws UncheckedIOException when writing fails (disk full, unwritable directory, encoder error) or the
     *     caption font cannot be read
     */
    public AssembledShort assemble(List<AssemblyClip> clips, AssemblySettings settings, Path target, Path thumbnail,
            Path preview) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(thumbnail, "thumbnail");
        if (clips == null || clips.isEmpty()) {
            throw new IllegalArgumentException("a short needs at least one clip");
        }
        Deadline deadline = new Deadline(settings.wallClockLimit());
        AssemblyInputProbe.ProbedClips probed = inputProbe.probe(clips, settings);
        List<ClipInput> inputs = probed.clips();
        deadline.check();

        try (StagedFile video = StagedFile.create(settings.workDir(), "short-", ".mp4");
                StagedFile still = StagedFile.create(settings.workDir(), "thumbnail-",
                        ThumbnailWriter.isWebp(thumbnail) ? ".webp" : ".jpg");
                StagedFile animation = preview == null ? null
                        : StagedFile.create(settings.workDir(), "preview-", ".webp")) {
            Path previewPath = animation == null ? null : animation.path();
            ShortComposer composer = new ShortComposer(inputs, settings, deadline);
            boolean copied = fastPathApplies(clips, inputs, probed.formats(), settings)
                    && joinByCopy(inputs, video.path(), deadline);
            if (copied) {
                composer.writeStills(still.path(), previewPath);
            } else {
                composer.compose(video.path(), still.path(), previewPath);
            }
            MediaInfo written = probe.probe(video.path());
            commit(video, still, animation, target, thumbnail, preview);
            return new AssembledShort(written.durationSeconds(), written.width(), written.height(), copied);
        }
    }

    /** Moves the stills into place, then the short; when the short cannot be moved, the stills are taken back. */
    private static void commit(StagedFile video, StagedFile still, StagedFile animation, Path target, Path thumbnail,
            Path preview) {
        still.commitTo(thumbnail);
        try {
            if (animation != null) {
                animation.commitTo(preview);
            }
            video.commitTo(target);
        } catch (UncheckedIOException e) {
            // A thumbnail without its short would look like a finished assembly.
            deleteQuietly(thumbnail, e);
            if (preview != null) {
                deleteQuietly(preview, e);
            }
            throw e;
        }
    }

    /**
     * Whether nothing in the settings asks for re-encoding and the clips are in the short's exact format (see
     * {@link StreamCopyCompatibility#whyNotJoinable}).
     */
    private static boolean fastPathApplies(List<AssemblyClip> clips, List<ClipInput> inputs,
            List<StreamCopyCompatibility.ClipFormat> formats, AssemblySettings settings) {
        boolean captions = settings.burnCaptions()
                && clips.stream().anyMatch(clip -> clip.caption() != null && !clip.caption().isBlank());
        boolean narration = clips.stream().anyMatch(clip -> clip.narration() != null);
        if (settings.transition().kind() != Transition.Kind.CUT || captions || narration || settings.music() != null
                || settings.normalizeLoudness()) {
            return false;
        }
        return StreamCopyCompatibility.whyNotJoinable(formats, inputs.stream().map(ClipInput::name).toList(),
                settings.width(), settings.height(), settings.fps()) == null;
    }

    /** Joins by copy; false (and the caller re-encodes) when the clips' timestamps turn out not to fit. */
    private static boolean joinByCopy(List<ClipInput> inputs, Path video, Deadline deadline) {
        try {
            StreamCopyJoiner.join(inputs.stream().map(ClipInput::file).toList(), video, deadline);
            return true;
        } catch (StreamCopyJoiner.NotJoinable e) {
            return false;
        }
    }

    private static void deleteQuietly(Path file, Exception failure) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }
}
