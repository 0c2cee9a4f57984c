package app.goblina.worker.media;

import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;

import app.goblina.failures.PermanentFailure;
import app.goblina.failures.TransientFailure;
import app.goblina.worker.media.MediaProbe.MediaInfo;
import app.goblina.worker.media.ShortComposer.ClipInput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
     * How to assemble. {@link #builder(Path)} starts from the defaults: 1080x1920 at 30 fps, crop to fill, a
     * {@link Transition#DEFAULT_CROSSFADE} crossfade, captions burned in with {@link CaptionLook#defaults()}, no
     * word highlight, no music, loudness normalized to -14 LUFS with peaks at most -1 dBTP, and a
     * {@link #DEFAULT_WALL_CLOCK_LIMIT} limit.
     *
     * @param width output width, even (1080 for the 9:16 default; 720x1280, 1920x1080 and 1080x1080 are the other
     *     usual formats)
     * @param height output height, even
     * @param fps output frames per second
     * @param fit how clips of another shape fill the frame
     * @param transition how one clip gives way to the next
     * @param burnCaptions whether to draw each clip's caption into its pictures
     * @param captionLook font, size, decoration and placement of captions
     * @param wordHighlight whether the caption highlights one word at a time, timed over the narration (or over
     *     the caption's time on screen when the clip has none)
     * @param music a background track looped or cut to the short's length and ducked by 12 dB under narration;
     *     null for none
     * @param normalizeLoudness whether to bring the sound to {@code targetLufs} with peaks under {@code truePeakDb};
     *     when false the sound's level is left as the clips have it (where narration or music is mixed in, only
     *     peaks over {@code truePeakDb} are limited, so the sum cannot clip)
     * @param targetLufs integrated loudness target (streaming platforms use -14)
     * @param truePeakDb the highest true peak allowed, in dBTP
     * @param wallClockLimit the longest an assembly may take; beyond it, it is stopped with a
     *     {@link TransientFailure}
     * @param workDir where scratch files go (created when missing); nothing is left in it afterwards
     */
    public record AssemblySettings(
            int width,
            int height,
            int fps,
            Fit fit,
            Transition transition,
            boolean burnCaptions,
            CaptionLook captionLook,
            boolean wordHighlight,
            Path music,
            boolean normalizeLoudness,
            double targetLufs,
            double truePeakDb,
            Duration wallClockLimit,
            Path workDir) {

        public static final Duration DEFAULT_WALL_CLOCK_LIMIT = Duration.ofMinutes(30);
        public static final double DEFAULT_TARGET_LUFS = -14;
        public static final double DEFAULT_TRUE_PEAK_DB = -1;

        public AssemblySettings {
            if (width < 16 || height < 16 || width % 2 != 0 || height % 2 != 0 || width > 4096 || height > 4096) {
                throw new IllegalArgumentException(
                        "frame size must be even and between 16 and 4096, was " + width + "x" + height);
            }
            if (fps < 1 || fps > 120) {
                throw new IllegalArgumentException("fps must be between 1 and 120, was " + fps);
            }
            fit = fit == null ? Fit.CROP : fit;
            transition = transition == null ? Transition.crossfade() : transition;
            captionLook = captionLook == null ? CaptionLook.defaults() : captionLook;
            if (!(targetLufs >= -40 && targetLufs <= -5)) {
                throw new IllegalArgumentException("targetLufs must be between -40 and -5, was " + targetLufs);
            }
            if (!(truePeakDb >= -9 && truePeakDb <= 0)) {
                throw new IllegalArgumentException("truePeakDb must be between -9 and 0, was " + truePeakDb);
            }
            wallClockLimit = wallClockLimit == null ? DEFAULT_WALL_CLOCK_LIMIT : wallClockLimit;
            if (wallClockLimit.isNegative() || wallClockLimit.isZero()) {
                throw new IllegalArgumentException("wallClockLimit must be positive, was " + wallClockLimit);
            }
            Objects.requireNonNull(workDir, "workDir");
        }

        /**
         * The settings of earlier versions: a size, a rate, captions on or off in {@code fontFile} (null for
         * {@link CaptionFonts#DEFAULT_FONT_FILE}); everything else at its default.
         */
        public AssemblySettings(int width, int height, int fps, boolean burnCaptions, Path fontFile, Path workDir) {
            this(width, height, fps, Fit.CROP, Transition.crossfade(), burnCaptions,
                    CaptionLook.defaults().withFontFile(fontFile), false, null, true, DEFAULT_TARGET_LUFS,
                    DEFAULT_TRUE_PEAK_DB, DEFAULT_WALL_CLOCK_LIMIT, workDir);
        }

        /** The caption font file. */
        public Path fontFile() {
            return captionLook.fontFile();
        }

        /** The defaults (see the type's description), with scratch files in {@code workDir}. */
        public static Builder builder(Path workDir) {
            return new Builder(workDir);
        }

        /** A builder starting from these settings. */
        public Builder toBuilder() {
            Builder builder = new Builder(workDir);
            builder.width = width;
            builder.height = height;
            builder.fps = fps;
            builder.fit = fit;
            builder.transition = transition;
            builder.burnCaptions = burnCaptions;
            builder.captionLook = captionLook;
            builder.wordHighlight = wordHighlight;
            builder.music = music;
            builder.normalizeLoudness = normalizeLoudness;
            builder.targetLufs = targetLufs;
            builder.truePeakDb = truePeakDb;
            builder.wallClockLimit = wallClockLimit;
            return builder;
        }

        /** Builds {@link AssemblySettings}; every setting starts at its default. Not thread-safe. */
        public static final class Builder {
            private Path workDir;
            private int width = 1080;
            private int height = 1920;
            private int fps = 30;
            private Fit fit = Fit.CROP;
            private Transition transition = Transition.crossfade();
            private boolean burnCaptions = true;
            private CaptionLook captionLook = CaptionLook.defaults();
            private boolean wordHighlight;
            private Path music;
            private boolean normalizeLoudness = true;
            private double targetLufs = DEFAULT_TARGET_LUFS;
            private double truePeakDb = DEFAULT_TRUE_PEAK_DB;
            private Duration wallClockLimit = DEFAULT_WALL_CLOCK_LIMIT;

            private Builder(Path workDir) {
                this.workDir = workDir;
            }

            public Builder size(int width, int height) {
                this.width = width;
                this.height = height;
                return this;
            }

            public Builder fps(int fps) {
                this.fps = fps;
                return this;
            }

            public Builder fit(Fit fit) {
                this.fit = fit;
                return this;
            }

            public Builder transition(Transition transition) {
                this.transition = transition;
                return this;
            }

            public Builder burnCaptions(boolean burnCaptions) {
                this.burnCaptions = burnCaptions;
                return this;
            }

            public Builder captionLook(CaptionLook captionLook) {
                this.captionLook = captionLook;
                return this;
            }

            public Builder wordHighlight(boolean wordHighlight) {
                this.wordHighlight = wordHighlight;
                return this;
            }

            public Builder music(Path music) {
                this.music = music;
                return this;
            }

            public Builder normalizeLoudness(boolean normalizeLoudness) {
                this.normalizeLoudness = normalizeLoudness;
                return this;
            }

            public Builder targetLufs(double targetLufs) {
                this.targetLufs = targetLufs;
                return this;
            }

            public Builder truePeakDb(double truePeakDb) {
                this.truePeakDb = truePeakDb;
                return this;
            }

            public Builder wallClockLimit(Duration wallClockLimit) {
                this.wallClockLimit = wallClockLimit;
                return this;
            }

            public Builder workDir(Path workDir) {
                this.workDir = workDir;
                return this;
            }

            /** @throws IllegalArgumentException when a value is out of range */
            public AssemblySettings build() {
                return new AssemblySettings(width, height, fps, fit, transition, burnCaptions, captionLook,
                        wordHighlight, music, normalizeLoudness, targetLufs, truePeakDb, wallClockLimit, workDir);
            }
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

    public ShortAssembler() {
        this(new MediaProbe());
    }

    public ShortAssembler(MediaProbe probe) {
        this.probe = Objects.requireNonNull(probe, "probe");
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
        List<StreamCopyJoiner.ClipFormat> formats = new ArrayList<>(clips.size());
        List<ClipInput> inputs = probeInputs(clips, settings, formats);
        deadline.check();

        try (StagedFile video = StagedFile.create(settings.workDir(), "short-", ".mp4");
                StagedFile still = StagedFile.create(settings.workDir(), "thumbnail-",
                        ThumbnailWriter.isWebp(thumbnail) ? ".webp" : ".jpg");
                StagedFile animation = preview == null ? null
                        : StagedFile.create(settings.workDir(), "preview-", ".webp")) {
            Path previewPath = animation == null ? null : animation.path();
            ShortComposer composer = new ShortComposer(inputs, settings, deadline);
            boolean copied = fastPathApplies(clips, inputs, formats, settings)
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
     * {@link StreamCopyJoiner#whyNotJoinable}).
     */
    private static boolean fastPathApplies(List<AssemblyClip> clips, List<ClipInput> inputs,
            List<StreamCopyJoiner.ClipFormat> formats, AssemblySettings settings) {
        boolean captions = settings.burnCaptions()
                && clips.stream().anyMatch(clip -> clip.caption() != null && !clip.caption().isBlank());
        boolean narration = clips.stream().anyMatch(clip -> clip.narration() != null);
        if (settings.transition().kind() != Transition.Kind.CUT || captions || narration || settings.music() != null
                || settings.normalizeLoudness()) {
            return false;
        }
        return StreamCopyJoiner.whyNotJoinable(formats, inputs.stream().map(ClipInput::name).toList(),
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

    /**
     * Checks every input before any work starts, and collects what the assembly needs to know about them; each
     * clip's stream details for the fast path go to {@code formats}.
     */
    private List<ClipInput> probeInputs(List<AssemblyClip> clips, AssemblySettings settings,
            List<StreamCopyJoiner.ClipFormat> formats) {
        List<ClipInput> inputs = new ArrayList<>(clips.size());
        for (int i = 0; i < clips.size(); i++) {
            AssemblyClip clip = clips.get(i);
            String name = describe(i, clips);
            MediaProbe.Probed probed = probeInput(name, clip.file());
            MediaInfo info = probed.info();
            formats.add(probed.format());
            if (!info.hasVideo()) {
                throw new PermanentFailure("The " + name + " has no video picture");
            }
            double duration = info.durationSeconds() > 0 ? info.durationSeconds()
                    : MediaProbe.scanDuration(clip.file(), AVMEDIA_TYPE_VIDEO);
            if (!(duration > 0)) {
                duration = 1.0 / settings.fps();
            }
            double narrationSeconds = 0;
            if (clip.narration() != null) {
                String narrationName = "narration of the " + name + " (" + clip.narration().getFileName() + ")";
                narrationSeconds = soundLength(narrationName, clip.narration());
            }
            inputs.add(new ClipInput(name, clip.file(), duration, info.hasAudio(), clip.caption(), clip.narration(),
                    narrationSeconds));
        }
        if (settings.music() != null) {
            soundLength("music (" + settings.music().getFileName() + ")", settings.music());
        }
        return inputs;
    }

    private double soundLength(String name, Path file) {
        MediaInfo info = probeInput(name, file).info();
        if (!info.hasAudio()) {
            throw new PermanentFailure("The " + name + " has no sound");
        }
        double seconds = info.durationSeconds() > 0 ? info.durationSeconds()
                : MediaProbe.scanDuration(file, AVMEDIA_TYPE_AUDIO);
        if (!(seconds > 0)) {
            throw new PermanentFailure("The " + name + " is empty");
        }
        return seconds;
    }

    private MediaProbe.Probed probeInput(String name, Path file) {
        try {
            return probe.probeForJoining(file);
        } catch (PermanentFailure e) {
            throw new PermanentFailure("The " + name + " is not a readable media file: " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw new PermanentFailure("The " + name + " is missing", e);
        }
    }

    private static void deleteQuietly(Path file, Exception failure) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }

    private static String describe(int index, List<AssemblyClip> clips) {
        return String.format(Locale.ROOT, "clip %d of %d (%s)", index + 1, clips.size(),
                clips.get(index).file().getFileName());
    }
}
