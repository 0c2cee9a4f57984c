package app.goblina.worker.media;

import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_FLT;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;

import java.util.Locale;
import java.util.function.Consumer;
import org.bytedeco.ffmpeg.avutil.AVFrame;

/**
 * The last audio stage before the AAC encoder: the loudness gain and a look-ahead limiter that keeps peaks under
 * the ceiling ({@code volume}, {@code alimiter} with its delay compensated), then planar float in frames of the
 * encoder's size. Without loudness processing only the format changes.
 *
 * <p>Not thread-safe. {@link #close()} frees the filter graph.
 */
final class AudioMaster implements AutoCloseable {

    private final FilterGraph graph;
    private final AVFrame input = av_frame_alloc();
    private final AVFrame output = av_frame_alloc();
    private long position;

    /**
     * @param loudness the gain and ceiling to apply, or null to pass the sound through unchanged
     * @param frameSize samples per output frame (the encoder's), or 0 for any
     * @param interleaved whether output frames are interleaved float (for the meter) rather than planar (for AAC)
     */
    AudioMaster(LoudnessCorrection loudness, int frameSize, boolean interleaved) {
        graph = FilterGraph.audio("audio mastering",
                description(loudness) + ",aformat=sample_fmts=" + (interleaved ? "flt" : "fltp"),
                ShortEncoder.SAMPLE_RATE, AV_SAMPLE_FMT_FLT, AudioFrames.stereo(), AudioFrames.timeBase(), frameSize);
    }

    /** The loudness filters, as they also run on the command line in the benchmark. */
    static String description(LoudnessCorrection loudness) {
        if (loudness == null) {
            return "anull";
        }
        return String.format(Locale.ROOT,
                "volume=%.4fdB:precision=float,alimiter=limit=%.6f:attack=5:release=50:level=false:latency=true",
                loudness.gainDb(), loudness.ceilingLinear());
    }

    /** Processes {@code count} interleaved stereo samples and hands every finished frame to {@code out}. */
    void push(float[] interleaved, int count, Consumer<AVFrame> out) {
        if (count <= 0) {
            return;
        }
        AudioFrames.fill(input, interleaved, count, position);
        position += count;
        graph.push(input);
        while (graph.pull(output)) {
            out.accept(output);
        }
    }

    /** Flushes the limiter's look-ahead and the last partial frame into {@code out}. */
    void finish(Consumer<AVFrame> out) {
        graph.end(position);
        while (graph.pull(output)) {
            out.accept(output);
        }
    }

    @Override
    public void close() {
        av_frame_free(input);
        av_frame_free(output);
        graph.close();
    }
}
