package app.goblina.worker.media;

import java.util.List;

/**
 * Where every clip, caption and narration goes on the short's timeline, in output frames and audio samples,
 * worked out before anything is decoded so pictures and sound follow the same plan.
 *
 * <p>Clip {@code i} lasts {@link #frames(int)} frames: its duration at the output frame rate, rounded from the
 * running total so rounding never accumulates. It starts at {@link #start(int)}; with a crossfade, the last
 * {@link #fade(int)} frames of clip {@code i} and the first of clip {@code i + 1} overlap and blend, so the short
 * has {@code sum(frames) - sum(fades)} frames. The caption switches to the next clip's in the middle of the fade,
 * so two captions are never on screen together.
 *
 * <p>Audio sample {@code s} (48 kHz) plays with video frame {@code s * fps / 48000}: {@link #sampleAt(long)}
 * converts, always rounding the same way so clip boundaries in sound and pictures agree.
 */
final class AssemblyPlan {

    private final int fps;
    private final int[] frames;
    private final long[] starts;
    private final int[] fades;
    private final long totalFrames;

    private AssemblyPlan(int fps, int[] frames, long[] starts, int[] fades, long totalFrames) {
        this.fps = fps;
        this.frames = frames;
        this.starts = starts;
        this.fades = fades;
        this.totalFrames = totalFrames;
    }

    /**
     * @param durations each clip's length in seconds, positive
     * @param fadeSeconds crossfade length; 0 for cuts
     */
    static AssemblyPlan of(List<Double> durations, int fps, double fadeSeconds) {
        int count = durations.size();
        int[] frames = new int[count];
        double timeline = 0;
        long previousEnd = 0;
        for (int i = 0; i < count; i++) {
            timeline += durations.get(i);
            long end = Math.max(previousEnd + 1, Math.round(timeline * fps));
            frames[i] = (int) (end - previousEnd);
            previousEnd = end;
        }
        int wantedFade = (int) Math.round(fadeSeconds * fps);
        int[] fades = new int[Math.max(0, count - 1)];
        for (int i = 0; i < fades.length; i++) {
            // At most half of either clip, so a clip's two fades never overlap and some of it is always seen alone.
            fades[i] = Math.min(wantedFade, Math.min(frames[i], frames[i + 1]) / 2);
        }
        long[] starts = new long[count];
        for (int i = 1; i < count; i++) {
            starts[i] = starts[i - 1] + frames[i - 1] - fades[i - 1];
        }
        long total = starts[count - 1] + frames[count - 1];
        return new AssemblyPlan(fps, frames, starts, fades, total);
    }

    int fps() {
        return fps;
    }

    int clipCount() {
        return frames.length;
    }

    int frames(int clip) {
        return frames[clip];
    }

    /** First output frame of {@code clip}. */
    long start(int clip) {
        return starts[clip];
    }

    /** One past the last output frame of {@code clip}. */
    long end(int clip) {
        return starts[clip] + frames[clip];
    }

    /** Frames shared by {@code clip} and the next one; 0 for the last clip or a cut. */
    int fade(int clip) {
        return clip < fades.length ? fades[clip] : 0;
    }

    long totalFrames() {
        return totalFrames;
    }

    double durationSeconds() {
        return (double) totalFrames / fps;
    }

    /** The first frame showing {@code clip}'s caption: the middle of the fade into it. */
    long captionStart(int clip) {
        return clip == 0 ? 0 : starts[clip] + fades[clip - 1] / 2;
    }

    /** One past the last frame showing {@code clip}'s caption. */
    long captionEnd(int clip) {
        return clip == frames.length - 1 ? totalFrames : captionStart(clip + 1);
    }

    /** The audio sample that plays with the start of output frame {@code frame}. */
    long sampleAt(long frame) {
        return frame * ShortEncoder.SAMPLE_RATE / fps;
    }

    long totalSamples() {
        return sampleAt(totalFrames);
    }

    /**
     * Samples where {@code clip}'s narration may play: from the clip's first frame until the next clip starts (so
     * narrations never overlap), or the end of the short.
     */
    long narrationEndSample(int clip) {
        return clip == frames.length - 1 ? totalSamples() : sampleAt(starts[clip + 1]);
    }

    /** The frame the thumbnail shows: the middle of the first clip. */
    long thumbnailFrame() {
        return frames[0] / 2;
    }
}
