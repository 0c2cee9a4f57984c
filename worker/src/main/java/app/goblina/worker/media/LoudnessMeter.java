package app.goblina.worker.media;

import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_FLT;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_get;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;

import app.goblina.failures.PermanentFailure;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.avutil.AVDictionaryEntry;
import org.bytedeco.ffmpeg.avutil.AVFrame;

/**
 * Measures loudness as EBU R 128 / ITU-R BS.1770 define it, with FFmpeg's {@code ebur128} filter: integrated
 * loudness (gated, in LUFS) and true peak (4x oversampled, in dBTP).
 *
 * <p>Blocking; decodes the whole sound track one frame at a time, so memory does not grow with the length.
 * Thread-safe: each call has its own decoder and filter.
 */
public final class LoudnessMeter {

    /** What {@code ebur128} reports for a track with nothing above its absolute gate (-70 LUFS): silence. */
    public static final double SILENCE_LUFS = -70;

    /**
     * A loudness measurement.
     *
     * @param integratedLufs integrated loudness; {@value #SILENCE_LUFS} for silence
     * @param truePeakDbtp the highest true peak over all channels; negative infinity for digital silence
     */
    public record Loudness(double integratedLufs, double truePeakDbtp) {

        /** True when nothing in the track reaches the absolute gate. */
        public boolean silent() {
            return integratedLufs <= SILENCE_LUFS;
        }
    }

    /**
     * Measures the first audio stream of {@code media} (any container or codec FFmpeg reads; a local file).
     *
     * @throws PermanentFailure when the file is not readable media, or has no audio stream
     * @throws UncheckedIOException when the file does not exist
     */
    public Loudness measure(Path media) {
        String name = "sound of " + media.getFileName();
        try (AudioSource source = AudioSource.open(media, name, false)) {
            if (source == null) {
                throw new PermanentFailure(media.getFileName() + " has no sound to measure");
            }
            try (Session session = new Session()) {
                float[] chunk = new float[2 * 4096];
                while (true) {
                    int real = source.read(chunk, 4096);
                    session.add(chunk, real);
                    if (real < 4096) {
                        return session.finish();
                    }
                }
            }
        }
    }

    /** A measurement fed sample by sample: 48 kHz stereo interleaved float. Not thread-safe. */
    static final class Session implements AutoCloseable {

        private final FilterGraph graph = FilterGraph.audio("loudness meter", "ebur128=peak=true:metadata=1",
                ShortEncoder.SAMPLE_RATE, AV_SAMPLE_FMT_FLT, AudioFrames.stereo(), AudioFrames.timeBase(), 0);
        private final AVFrame input = av_frame_alloc();
        private final AVFrame output = av_frame_alloc();
        private long position;
        private double integrated = SILENCE_LUFS;
        private double peak;

        void add(float[] interleaved, int count) {
            if (count <= 0) {
                return;
            }
            AudioFrames.fill(input, interleaved, count, position);
            position += count;
            graph.push(input);
            drain();
        }

        /** Adds a frame of 48 kHz stereo interleaved float; its timestamp is overwritten. */
        void add(AVFrame samples) {
            samples.pts(position);
            position += samples.nb_samples();
            graph.push(samples);
            drain();
        }

        Loudness finish() {
            graph.end(position);
            drain();
            return new Loudness(integrated, 20 * Math.log10(peak));
        }

        private void drain() {
            while (graph.pull(output)) {
                Double value = metadata("lavfi.r128.I");
                if (value != null) {
                    integrated = value;
                }
                for (int channel = 0; channel < ShortEncoder.CHANNELS; channel++) {
                    Double channelPeak = metadata("lavfi.r128.true_peaks_ch" + channel);
                    if (channelPeak != null) {
                        peak = Math.max(peak, channelPeak);
                    }
                }
            }
        }

        private Double metadata(String key) {
            AVDictionaryEntry entry = av_dict_get(output.metadata(), key, null, 0);
            if (entry == null || entry.isNull()) {
                return null;
            }
            try {
                return Double.parseDouble(entry.value().getString());
            } catch (NumberFormatException e) {
                return null;
            }
        }

        @Override
        public void close() {
            av_frame_free(input);
            av_frame_free(output);
            graph.close();
        }
    }
}
