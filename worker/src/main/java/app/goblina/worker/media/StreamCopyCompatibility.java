package app.goblina.worker.media;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_AAC;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_H264;
import static org.bytedeco.ffmpeg.global.avcodec.AV_FIELD_PROGRESSIVE;
import static org.bytedeco.ffmpeg.global.avcodec.AV_FIELD_UNKNOWN;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PROFILE_H264_HIGH;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_PRI_BT709;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_PRI_UNSPECIFIED;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_RANGE_MPEG;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_RANGE_UNSPECIFIED;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_SPC_BT709;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_SPC_UNSPECIFIED;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_TRC_BT709;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_TRC_UNSPECIFIED;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;

import java.util.Arrays;
import java.util.List;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVRational;

/**
 * Decides whether clips can be joined by {@link StreamCopyJoiner}, from their headers alone.
 *
 * <p>Joinable clips all have: H.264 High, yuv420p, progressive, square pixels, the output size and a constant
 * frame rate equal to the output's, BT.709 or untagged colour in limited range; AAC at 48 kHz stereo; and the same
 * codec configuration (SPS/PPS, AAC config), since an MP4 track declares one configuration for all its samples.
 */
final class StreamCopyCompatibility {

    private StreamCopyCompatibility() {}

    /**
     * What decides whether a clip can be joined by copy, read from its headers by {@link MediaProbe}.
     *
     * @param videoConfig the H.264 decoder configuration (avcC: SPS and PPS); empty when there is no video
     * @param audioConfig the AAC decoder configuration; empty when there is no audio
     */
    record ClipFormat(int videoCodec, int profile, int pixelFormat, int width, int height, double averageRate,
            double baseRate, int aspectNum, int aspectDen, int fieldOrder, int colourSpace, int primaries,
            int transfer, int range, byte[] videoConfig, int audioCodec, int sampleRate, int channels,
            byte[] audioConfig) {

        /** Reads the first video and audio streams of an opened file; null when it has no video. */
        static ClipFormat of(AVStream video, AVStream audio) {
            if (video == null) {
                return null;
            }
            AVCodecParameters v = video.codecpar();
            AVCodecParameters a = audio == null ? null : audio.codecpar();
            return new ClipFormat(v.codec_id(), v.profile(), v.format(), v.width(), v.height(),
                    rate(video.avg_frame_rate()), rate(video.r_frame_rate()), v.sample_aspect_ratio().num(),
                    v.sample_aspect_ratio().den(), v.field_order(), v.color_space(), v.color_primaries(),
                    v.color_trc(), v.color_range(), extradata(v), a == null ? -1 : a.codec_id(),
                    a == null ? 0 : a.sample_rate(), a == null ? 0 : a.ch_layout().nb_channels(),
                    a == null ? new byte[0] : extradata(a));
        }

        private static double rate(AVRational rate) {
            return rate.den() > 0 ? (double) rate.num() / rate.den() : 0;
        }
    }

    /**
     * Why clips of {@code formats} (in order, named by {@code names}) cannot be joined by copy into a
     * {@code width} x {@code height} short at {@code fps}, or null when they can.
     */
    static String whyNotJoinable(List<ClipFormat> formats, List<String> names, int width, int height, int fps) {
        for (int i = 0; i < formats.size(); i++) {
            ClipFormat format = formats.get(i);
            String reason = format == null ? "has no video" : mismatch(format, width, height, fps);
            if (reason == null && i > 0) {
                ClipFormat first = formats.getFirst();
                if (!Arrays.equals(first.videoConfig(), format.videoConfig())) {
                    reason = "has a different H.264 configuration from the first clip";
                } else if (!Arrays.equals(first.audioConfig(), format.audioConfig())) {
                    reason = "has a different AAC configuration from the first clip";
                }
            }
            if (reason != null) {
                return "the " + names.get(i) + " " + reason;
            }
        }
        return null;
    }

    private static String mismatch(ClipFormat f, int width, int height, int fps) {
        if (f.videoCodec() != AV_CODEC_ID_H264 || f.profile() != AV_PROFILE_H264_HIGH) {
            return "is not H.264 High";
        }
        if (f.pixelFormat() != AV_PIX_FMT_YUV420P || f.width() != width || f.height() != height) {
            return "is not yuv420p " + width + "x" + height;
        }
        if (Math.abs(f.averageRate() - fps) > 1e-3 || Math.abs(f.baseRate() - fps) > 1e-3) {
            return "is not at a constant " + fps + " fps";
        }
        if (f.aspectNum() != 0 && f.aspectNum() != f.aspectDen()) {
            return "has non-square pixels";
        }
        if (f.fieldOrder() != AV_FIELD_PROGRESSIVE && f.fieldOrder() != AV_FIELD_UNKNOWN) {
            return "is interlaced";
        }
        if (!oneOf(f.colourSpace(), AVCOL_SPC_BT709, AVCOL_SPC_UNSPECIFIED)
                || !oneOf(f.primaries(), AVCOL_PRI_BT709, AVCOL_PRI_UNSPECIFIED)
                || !oneOf(f.transfer(), AVCOL_TRC_BT709, AVCOL_TRC_UNSPECIFIED)
                || !oneOf(f.range(), AVCOL_RANGE_MPEG, AVCOL_RANGE_UNSPECIFIED)) {
            return "is not BT.709 limited range";
        }
        if (f.audioCodec() != AV_CODEC_ID_AAC || f.sampleRate() != ShortEncoder.SAMPLE_RATE
                || f.channels() != ShortEncoder.CHANNELS) {
            return "does not have AAC 48 kHz stereo sound";
        }
        return null;
    }

    private static boolean oneOf(int value, int a, int b) {
        return value == a || value == b;
    }

    private static byte[] extradata(AVCodecParameters parameters) {
        int size = parameters.extradata_size();
        byte[] bytes = new byte[Math.max(0, size)];
        if (size > 0) {
            parameters.extradata().get(bytes);
        }
        return bytes;
    }
}
