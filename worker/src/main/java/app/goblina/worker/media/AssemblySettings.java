package app.goblina.worker.media;

import app.goblina.failures.TransientFailure;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

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
