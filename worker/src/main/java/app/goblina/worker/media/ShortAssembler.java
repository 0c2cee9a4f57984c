package app.goblina.worker.media;

import app.goblina.failures.PermanentFailure;
import app.goblina.worker.media.MediaProbe.MediaInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Joins a project's clips into the finished short: every clip is scaled to fill the output frame and centre-cropped,
 * converted to the output frame rate, optionally captioned, and put after the previous one with its sound (or
 * silence of the same length), in one H.264 High / AAC 48 kHz stereo MP4 with the index at the front (faststart).
 *
 * <p>Each clip keeps its own length: the output lasts as long as the clips together (to within a frame), and each
 * clip's audio is cut or padded to its pictures so sound never drifts into the next clip.
 *
 * <p>Everything streams one frame at a time; no clip is ever held in memory. The short and its thumbnail are
 * written in {@link AssemblySettings#workDir()} and moved into place only when complete; scratch files are removed
 * whether the assembly succeeds or fails.
 *
 * <p>Blocking and CPU-bound. Thread-safe: each call has its own decoders and encoders.
 */
public final class ShortAssembler {

    /**
     * One clip of the short, in order.
     *
     * @param file the clip; any container, codec, size or frame rate FFmpeg can decode
     * @param caption text to burn in over this clip when captions are on; null or blank for none
     */
    public record AssemblyClip(Path file, String caption) {
        public AssemblyClip {
            Objects.requireNonNull(file, "file");
        }
    }

    /**
     * How to assemble.
     *
     * @param width output width, even
     * @param height output height, even
     * @param fps output frames per second
     * @param burnCaptions whether to draw each clip's caption into its pictures
     * @param fontFile the TrueType caption font; null means {@link CaptionFonts#DEFAULT_FONT_FILE}
     * @param workDir where scratch files go (created when missing); nothing is left in it afterwards
     */
    public record AssemblySettings(int width, int height, int fps, boolean burnCaptions, Path fontFile, Path workDir) {
        public AssemblySettings {
            if (width < 16 || height < 16 || width % 2 != 0 || height % 2 != 0 || width > 4096 || height > 4096) {
                throw new IllegalArgumentException(
                        "frame size must be even and between 16 and 4096, was " + width + "x" + height);
            }
            if (fps < 1 || fps > 120) {
                throw new IllegalArgumentException("fps must be between 1 and 120, was " + fps);
            }
            fontFile = fontFile == null ? CaptionFonts.DEFAULT_FONT_FILE : fontFile;
            Objects.requireNonNull(workDir, "workDir");
        }
    }

    /**
     * The finished short, as read back from the written file.
     *
     * @param durationSeconds its length
     * @param width its frame width
     * @param height its frame height
     */
    public record AssembledShort(double durationSeconds, int width, int height) {}

    private final MediaProbe probe;

    public ShortAssembler() {
        this(new MediaProbe());
    }

    public ShortAssembler(MediaProbe probe) {
        this.probe = Objects.requireNonNull(probe, "probe");
    }

    /**
     * Assembles {@code clips} into {@code target} and saves a JPEG thumbnail to {@code thumbnail}: the middle frame
     * of the first clip as it appears in the short, caption included when captions are burned in. Both targets are
     * replaced if they exist.
     *
     * @throws PermanentFailure when a clip is missing, unreadable, corrupt or has no pictures; the reason names the
     *     clip by position and file name
     * @throws UncheckedIOException when writing fails (disk full, unwritable directory, encoder error) or the
     *     caption font cannot be read
     */
    public AssembledShort assemble(List<AssemblyClip> clips, AssemblySettings settings, Path target, Path thumbnail) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(thumbnail, "thumbnail");
        if (clips == null || clips.isEmpty()) {
            throw new IllegalArgumentException("a short needs at least one clip");
        }
        // Every input is checked before any encoding starts, so a bad clip fails in milliseconds, not minutes.
        List<MediaInfo> inputs = new ArrayList<>(clips.size());
        for (int i = 0; i < clips.size(); i++) {
            inputs.add(probeClip(describe(i, clips), clips.get(i).file()));
        }
        CaptionStyle style = CaptionStyle.forFrame(settings.width(), settings.height());
        CaptionLayout layout = settings.burnCaptions()
                ? new CaptionLayout(CaptionFonts.load(settings.fontFile(), style.fontSize()))
                : null;

        try (StagedFile video = StagedFile.create(settings.workDir(), "short-", ".mp4");
                StagedFile still = StagedFile.create(settings.workDir(), "thumbnail-", ".jpg")) {
            try (ShortEncoder encoder = ShortEncoder.open(video.path(), settings.width(), settings.height(),
                    settings.fps())) {
                encodeAll(clips, inputs, settings, style, layout, encoder, still.path());
                encoder.finish();
            }
            MediaInfo written = probe.probe(video.path());
            still.commitTo(thumbnail);
            try {
                video.commitTo(target);
            } catch (UncheckedIOException e) {
                // A thumbnail without its short would look like a finished assembly.
                deleteQuietly(thumbnail, e);
                throw e;
            }
            return new AssembledShort(written.durationSeconds(), written.width(), written.height());
        }
    }

    private static void encodeAll(List<AssemblyClip> clips, List<MediaInfo> inputs, AssemblySettings settings,
            CaptionStyle style, CaptionLayout layout, ShortEncoder encoder, Path thumbnail) {
        int fps = settings.fps();
        // Where the next clip starts, in seconds. Ends are rounded from this running total rather than per clip,
        // so rounding never accumulates over many clips.
        double timeline = 0;
        for (int i = 0; i < clips.size(); i++) {
            AssemblyClip clip = clips.get(i);
            MediaInfo input = inputs.get(i);
            double duration = input.durationSeconds();
            Long endFrame = duration > 0
                    ? Math.max(encoder.framesWritten() + 1, Math.round((timeline + duration) * fps))
                    : null;
            CaptionBlock block = layout == null ? null : CaptionBlock.of(clip.caption(), layout, style);
            FilterGraphs.Caption caption = block == null ? null : new FilterGraphs.Caption(block, settings.fontFile());
            long thumbnailFrame = endFrame == null ? 0 : endFrame / 2;
            new ClipTranscoder(describe(i, clips), clip.file(), input.hasAudio(), encoder, settings.width(),
                    settings.height(), fps, caption, i == 0 ? thumbnail : null, thumbnailFrame)
                    .transcode(endFrame);
            timeline = duration > 0 ? timeline + duration : (double) encoder.framesWritten() / fps;
        }
    }

    private MediaInfo probeClip(String name, Path file) {
        MediaInfo info;
        try {
            info = probe.probe(file);
        } catch (PermanentFailure e) {
            throw new PermanentFailure("The " + name + " is not a readable video", e);
        } catch (UncheckedIOException e) {
            throw new PermanentFailure("The " + name + " is missing", e);
        }
        if (!info.hasVideo()) {
            throw new PermanentFailure("The " + name + " has no video picture");
        }
        return info;
    }

    private static void deleteQuietly(Path file, Exception failure) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }

    private static String describe(int index, List<AssemblyClip> clips) {
        return "clip " + (index + 1) + " of " + clips.size() + " (" + clips.get(index).file().getFileName() + ")";
    }
}
