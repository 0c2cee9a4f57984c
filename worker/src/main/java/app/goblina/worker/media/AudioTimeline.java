package app.goblina.worker.media;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The short's sound before loudness processing, produced in order as 48 kHz stereo interleaved float: each clip's
 * own sound in its slot (crossfaded like the pictures, silence for a clip without sound), each narration from the
 * start of its clip, and the music track looped over the whole short and ducked while narration plays.
 *
 * <p>A narration plays until the next clip starts, so two never overlap; one that would run longer is cut there
 * with a short fade-out instead of a click. Music ducking ({@link MusicDucking}) follows the narration schedule,
 * known in advance, so the music dips just before a narration starts and comes back gently after it ends.
 *
 * <p>At most two clip sources, one narration and the music are open at a time. Not thread-safe. {@link #close()}
 * frees whatever is still open.
 */
final class AudioTimeline implements AutoCloseable {

    private static final double CUT_FADE_SECONDS = 0.03;

    /**
     * One clip's inputs.
     *
     * @param file the clip
     * @param hasAudio whether the clip has a sound track
     * @param narration the narration, or null
     * @param narrationSeconds the narration's length (0 when there is none)
     */
    record ClipSound(String name, Path file, boolean hasAudio, Path narration, double narrationSeconds) {}

    private final AssemblyPlan plan;
    private final List<ClipSound> clips;
    private final Deadline deadline;
    private final LoopingAudio music;
    private final MusicDucking ducking;
    private final long cutFade = Math.round(CUT_FADE_SECONDS * ShortEncoder.SAMPLE_RATE);

    private final AudioSource[] clipSources;
    private final boolean[] clipOpened;
    private AudioSource narration;
    private int narrationClip = -1;
    private long position;
    private float[] scratch = new float[0];

    AudioTimeline(AssemblyPlan plan, List<ClipSound> clips, Path music, String musicName, Deadline deadline) {
        this.plan = plan;
        this.clips = List.copyOf(clips);
        this.deadline = deadline;
        this.music = music == null ? null : new LoopingAudio(music, musicName);
        this.clipSources = new AudioSource[clips.size()];
        this.clipOpened = new boolean[clips.size()];
        this.ducking = new MusicDucking(narrationSpans(plan, clips));
    }

    /** Where each narration plays, in samples, in order. */
    private static List<MusicDucking.Span> narrationSpans(AssemblyPlan plan, List<ClipSound> clips) {
        List<MusicDucking.Span> spans = new ArrayList<>();
        for (int i = 0; i < clips.size(); i++) {
            ClipSound clip = clips.get(i);
            if (clip.narration() != null && clip.narrationSeconds() > 0) {
                long start = plan.sampleAt(plan.start(i));
                long length = Math.round(clip.narrationSeconds() * ShortEncoder.SAMPLE_RATE);
                spans.add(new MusicDucking.Span(start, Math.min(start + length, plan.narrationEndSample(i))));
            }
        }
        return spans;
    }

    /** Samples produced so far. */
    long position() {
        return position;
    }

    /** Fills {@code out} with the next {@code count} stereo samples ({@code 2 * count} floats). */
    void render(float[] out, int count) {
        deadline.check();
        Arrays.fill(out, 0, 2 * count, 0f);
        if (scratch.length < 2 * count) {
            scratch = new float[2 * count];
        }
        long from = position;
        long to = position + count;
        mixClips(out, from, to);
        mixNarration(out, from, to);
        if (music != null) {
            mixMusic(out, from, count);
        }
        position = to;
    }

    private void mixClips(float[] out, long from, long to) {
        for (int i = 0; i < clips.size(); i++) {
            long start = plan.sampleAt(plan.start(i));
            long end = plan.sampleAt(plan.end(i));
            if (end <= from) {
                closeClip(i);
                continue;
            }
            if (start >= to) {
                break;
            }
            if (!clips.get(i).hasAudio()) {
                continue;
            }
            AudioSource source = clipSource(i);
            if (source == null) {
                continue;
            }
            long a = Math.max(from, start);
            long b = Math.min(to, end);
            int n = (int) (b - a);
            source.read(scratch, n);
            long fadeInEnd = i == 0 ? start : plan.sampleAt(plan.end(i - 1));
            long fadeOutStart = i == clips.size() - 1 ? end : plan.sampleAt(plan.start(i + 1));
            addScratch(out, from, a, n, t -> {
                if (t < fadeInEnd) {
                    return (float) (t - start + 1) / (fadeInEnd - start + 1);
                } else if (t >= fadeOutStart) {
                    return 1f - (float) (t - fadeOutStart + 1) / (end - fadeOutStart + 1);
                }
                return 1f;
            });
            if (b >= end) {
                closeClip(i);
            }
        }
    }

    private AudioSource clipSource(int clip) {
        if (!clipOpened[clip]) {
            clipOpened[clip] = true;
            ClipSound sound = clips.get(clip);
            clipSources[clip] = AudioSource.open(sound.file(), sound.name(), true);
        }
        return clipSources[clip];
    }

    private void closeClip(int clip) {
        if (clipSources[clip] != null) {
            clipSources[clip].close();
            clipSources[clip] = null;
        }
    }

    private void mixNarration(float[] out, long from, long to) {
        for (int i = 0; i < clips.size(); i++) {
            ClipSound clip = clips.get(i);
            long start = plan.sampleAt(plan.start(i));
            long end = plan.narrationEndSample(i);
            if (clip.narration() == null || end <= from) {
                continue;
            }
            if (start >= to) {
                break;
            }
            if (narrationClip != i) {
                closeNarration();
                narration = AudioSource.open(clip.narration(), "narration of " + clip.name(), false);
                narrationClip = i;
                if (narration == null) {
                    continue;
                }
            }
            if (narration == null) {
                continue;
            }
            long a = Math.max(from, start);
            long b = Math.min(to, end);
            int n = (int) (b - a);
            narration.read(scratch, n);
            long length = Math.round(clip.narrationSeconds() * ShortEncoder.SAMPLE_RATE);
            boolean cut = length > end - start;
            long fadeStart = end - cutFade;
            addScratch(out, from, a, n, t -> cut && t >= fadeStart ? (float) (end - t) / cutFade : 1f);
            if (b >= end) {
                closeNarration();
            }
        }
    }

    private void closeNarration() {
        if (narration != null) {
            narration.close();
            narration = null;
        }
        narrationClip = -1;
    }

    private void mixMusic(float[] out, long from, int count) {
        music.read(scratch, count);
        addScratch(out, from, from, count, t -> (float) ducking.gain(t));
    }

    /** The weight of one source at a sample of the short. */
    private interface Weight {
        float at(long sample);
    }

    /**
     * Adds the {@code n} stereo samples in {@code scratch}, which play from sample {@code first} of the short, to
     * {@code out} (which starts at sample {@code from}), each scaled by its {@code weight}.
     */
    private void addScratch(float[] out, long from, long first, int n, Weight weight) {
        for (int k = 0; k < n; k++) {
            long t = first + k;
            float w = weight.at(t);
            int o = (int) (t - from) * 2;
            out[o] += w * scratch[2 * k];
            out[o + 1] += w * scratch[2 * k + 1];
        }
    }

    @Override
    public void close() {
        for (int i = 0; i < clipSources.length; i++) {
            closeClip(i);
        }
        closeNarration();
        if (music != null) {
            music.close();
        }
    }
}
