package app.goblina.worker.media;

import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_FLT;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_default;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;

import org.bytedeco.ffmpeg.avutil.AVChannelLayout;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacpp.FloatPointer;

/** Moves the package's 48 kHz stereo interleaved float samples into FFmpeg frames. */
final class AudioFrames {

    private AudioFrames() {}

    /** 1 / 48000: audio timestamps count samples. */
    static AVRational timeBase() {
        return av_make_q(1, ShortEncoder.SAMPLE_RATE);
    }

    static AVChannelLayout stereo() {
        AVChannelLayout layout = new AVChannelLayout();
        av_channel_layout_default(layout, ShortEncoder.CHANNELS);
        return layout;
    }

    /** Makes {@code frame} hold {@code count} samples copied from {@code interleaved}, at timestamp {@code pts}. */
    static void fill(AVFrame frame, float[] interleaved, int count, long pts) {
        av_frame_unref(frame);
        frame.format(AV_SAMPLE_FMT_FLT);
        frame.sample_rate(ShortEncoder.SAMPLE_RATE);
        av_channel_layout_default(frame.ch_layout(), ShortEncoder.CHANNELS);
        frame.nb_samples(count);
        frame.pts(pts);
        FfmpegStatus.check(av_frame_get_buffer(frame, 0), "Allocating audio samples");
        new FloatPointer(frame.data(0)).put(interleaved, 0, ShortEncoder.CHANNELS * count);
    }
}
