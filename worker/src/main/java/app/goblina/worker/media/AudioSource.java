package app.goblina.worker.media;

import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;

import java.nio.file.Path;
import java.util.Arrays;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacpp.FloatPointer;

/**
 * A file's sound as 48 kHz stereo interleaved float samples, read in order, with silence after its end.
 *
 * <p>Decoded and resampled ({@code aresample}, {@code aformat}) a frame at a time; only the samples of the current
 * frame are held. Mono is spread to both channels; more than two channels are downmixed.
 *
 * <p>Interleaved float, never planar: converting channel counts into planar float crashed JavaCV's resampler, and
 * interleaved is what the mix works on anyway. Not thread-safe. {@link #close()} frees the decoder.
 */
final class AudioSource implements AutoCloseable {

    static final String TO_OUTPUT_FORMAT =
            "aresample=" + ShortEncoder.SAMPLE_RATE + ",aformat=sample_fmts=flt:channel_layouts=stereo";

    private final MediaInput input;
    private final FilterGraph graph;
    private final AVFrame pulled = av_frame_alloc();
    /** Where the sound starts relative to the time its samples are measured from (e.g. the first picture). */
    private final double originSeconds;
    private float[] pending = new float[0];
    private int pendingOffset;
    private int pendingEnd;
    private long leadingSilence;
    private long toSkip;
    private boolean started;
    private boolean ended;

    private AudioSource(MediaInput input, FilterGraph graph, double originSeconds) {
        this.input = input;
        this.graph = graph;
        this.originSeconds = originSeconds;
    }

    /**
     * Opens {@code file}'s first audio stream.
     *
     * @param alignToVideo when true, the sound is placed relative to the file's first picture (sound that starts
     *     late begins with silence, sound before the picture is dropped), as it plays in the clip; when false it
     *     starts with its first sample
     * @return the source, or null when the file has no audio stream
     * @throws app.goblina.failures.PermanentFailure when the file cannot be read or decoded
     */
    static AudioSource open(Path file, String name, boolean alignToVideo) {
        MediaInput input = MediaInput.open(file, AVMEDIA_TYPE_AUDIO, name);
        if (input == null) {
            return null;
        }
        try {
            AVCodecContext decoder = input.decoder();
            FilterGraph graph = FilterGraph.audio(name, TO_OUTPUT_FORMAT, decoder.sample_rate(),
                    decoder.sample_fmt(), decoder.ch_layout(), input.stream().time_base(), 0);
            return new AudioSource(input, graph, alignToVideo ? videoStart(file) : Double.NaN);
        } catch (RuntimeException e) {
            input.close();
            throw e;
        }
    }

    /** Where the file's pictures start, in seconds; NaN when unknown. */
    private static double videoStart(Path file) {
        AVFormatContext context = LocalMedia.openWithoutDecoding(file);
        try {
            AVStream stream = MediaProbe.firstStream(context, AVMEDIA_TYPE_VIDEO);
            return stream == null || stream.start_time() == AV_NOPTS_VALUE ? Double.NaN
                    : seconds(stream.start_time(), stream.time_base());
        } finally {
            avformat_close_input(context);
        }
    }

    /**
     * Fills {@code out} with the next {@code count} stereo samples ({@code 2 * count} floats from index 0), silence
     * once the sound has ended. Returns how many samples came from the sound, before that silence.
     */
    int read(float[] out, int count) {
        int filled = 0;
        while (filled < count) {
            if (leadingSilence > 0) {
                int n = (int) Math.min(leadingSilence, count - filled);
                Arrays.fill(out, 2 * filled, 2 * (filled + n), 0f);
                leadingSilence -= n;
                filled += n;
                continue;
            }
            if (pendingOffset < pendingEnd) {
                int n = Math.min((pendingEnd - pendingOffset) / 2, count - filled);
                System.arraycopy(pending, pendingOffset, out, 2 * filled, 2 * n);
                pendingOffset += 2 * n;
                filled += n;
                continue;
            }
            if (!decodeMore()) {
                Arrays.fill(out, 2 * filled, 2 * count, 0f);
                return filled;
            }
        }
        return filled;
    }

    /** Loads the next resampled frame into {@code pending}; false at the end of the sound. */
    private boolean decodeMore() {
        while (!ended) {
            if (graph.pull(pulled)) {
                take(pulled);
                if (pendingOffset < pendingEnd || leadingSilence > 0) {
                    return true;
                }
                continue;
            }
            if (graph.ended()) {
                ended = true;
                break;
            }
            AVFrame decoded = input.next();
            if (decoded == null) {
                graph.end(AV_NOPTS_VALUE);
            } else {
                graph.push(decoded);
            }
        }
        return false;
    }

    private void take(AVFrame frame) {
        int samples = frame.nb_samples();
        if (!started) {
            started = true;
            if (!Double.isNaN(originSeconds) && frame.pts() != AV_NOPTS_VALUE) {
                double offset = seconds(frame.pts(), graph.outputTimeBase()) - originSeconds;
                long offsetSamples = Math.round(offset * ShortEncoder.SAMPLE_RATE);
                if (offsetSamples > 0) {
                    leadingSilence = offsetSamples;
                } else {
                    toSkip = -offsetSamples;
                }
            }
        }
        int skip = (int) Math.min(toSkip, samples);
        toSkip -= skip;
        int kept = samples - skip;
        if (pending.length < 2 * kept) {
            pending = new float[2 * kept];
        }
        if (kept > 0) {
            FloatPointer data = new FloatPointer(frame.data(0));
            data.position(2L * skip).get(pending, 0, 2 * kept);
        }
        pendingOffset = 0;
        pendingEnd = 2 * kept;
    }

    private static double seconds(long timestamp, AVRational timeBase) {
        return (double) timestamp * timeBase.num() / timeBase.den();
    }

    @Override
    public void close() {
        av_frame_free(pulled);
        graph.close();
        input.close();
    }
}
