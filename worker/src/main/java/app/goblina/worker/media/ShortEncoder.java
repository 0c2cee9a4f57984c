package app.goblina.worker.media;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;

/**
 * The output MP4 of an assembly: H.264 High (libx264), yuv420p, AAC 48 kHz stereo at 128 kb/s, faststart.
 *
 * <p>Keeps the timeline: video frames and audio samples are counted, and {@link #samplesAt(long)} says where the
 * audio must be when the video has a given number of frames, so every clip's audio can be cut or padded to exactly
 * its video's length and the two never drift apart.
 *
 * <p>Not thread-safe. {@link #finish()} completes the file; {@link #close()} always frees the native encoder.
 */
final class ShortEncoder implements AutoCloseable {

    static final int SAMPLE_RATE = 48_000;
    static final int CHANNELS = 2;
    private static final int AUDIO_BITRATE = 128_000;
    private static final int SILENCE_CHUNK = 1024;

    private final FFmpegFrameRecorder recorder;
    private final int fps;
    private final FloatBuffer silence;
    private long framesWritten;
    private long samplesWritten;

    private ShortEncoder(FFmpegFrameRecorder recorder, int fps) {
        this.recorder = recorder;
        this.fps = fps;
        this.silence = ByteBuffer.allocateDirect(SILENCE_CHUNK * CHANNELS * Float.BYTES)
                .order(ByteOrder.nativeOrder())
                .asFloatBuffer();
    }

    /** @throws UncheckedIOException when the file cannot be created or the encoders cannot be opened */
    static ShortEncoder open(Path file, int width, int height, int fps) {
        FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(file.toFile(), width, height, CHANNELS);
        H264Encoding.apply(recorder, fps);
        recorder.setAudioCodecName("aac");
        recorder.setSampleRate(SAMPLE_RATE);
        recorder.setAudioChannels(CHANNELS);
        recorder.setAudioBitrate(AUDIO_BITRATE);
        try {
            recorder.start();
        } catch (IOException e) {
            release(recorder);
            throw new UncheckedIOException("Could not start writing " + file.getFileName(), e);
        }
        return new ShortEncoder(recorder, fps);
    }

    long framesWritten() {
        return framesWritten;
    }

    long samplesWritten() {
        return samplesWritten;
    }

    /** Where the audio must be (in samples) when the video has {@code frames} frames. */
    long samplesAt(long frames) {
        return frames * SAMPLE_RATE / fps;
    }

    /** Appends one yuv420p frame of the output size. */
    void writeVideo(Frame yuv420p) {
        try {
            recorder.record(yuv420p, AV_PIX_FMT_YUV420P);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not encode video frame " + framesWritten, e);
        }
        framesWritten++;
    }

    /**
     * Appends interleaved stereo float samples at 48 kHz, at most {@code limit} of them (sample frames, one per
     * channel pair); returns how many were written.
     */
    long writeAudio(FloatBuffer interleaved, long limit) {
        long available = interleaved.remaining() / CHANNELS;
        long count = Math.min(available, Math.max(0, limit));
        if (count == 0) {
            return 0;
        }
        FloatBuffer slice = interleaved.duplicate();
        slice.limit(slice.position() + (int) count * CHANNELS);
        try {
            recorder.recordSamples(SAMPLE_RATE, CHANNELS, slice);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not encode audio", e);
        }
        samplesWritten += count;
        return count;
    }

    /** Appends {@code count} samples of silence. */
    void writeSilence(long count) {
        long remaining = count;
        while (remaining > 0) {
            int chunk = (int) Math.min(remaining, SILENCE_CHUNK);
            FloatBuffer slice = silence.duplicate();
            slice.position(0).limit(chunk * CHANNELS);
            writeAudio(slice, chunk);
            remaining -= chunk;
        }
    }

    /** Pads the audio with silence up to where the video is. */
    void padAudioToVideo() {
        writeSilence(samplesAt(framesWritten) - samplesWritten);
    }

    /** Flushes the encoders and writes the index (moved to the front of the file for faststart). */
    void finish() {
        try {
            recorder.stop();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not finish the video file", e);
        }
    }

    @Override
    public void close() {
        release(recorder);
    }

    private static void release(FFmpegFrameRecorder recorder) {
        try {
            recorder.release();
        } catch (IOException ignored) {
            // Only frees native memory; nothing to do if that fails.
        }
    }
}
