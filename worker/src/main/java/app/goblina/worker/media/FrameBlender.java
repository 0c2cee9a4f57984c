package app.goblina.worker.media;

import static org.bytedeco.ffmpeg.global.avutil.AVCOL_PRI_BT709;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_RANGE_MPEG;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_SPC_BT709;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_TRC_BT709;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_make_writable;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;

import java.nio.ByteBuffer;
import org.bytedeco.ffmpeg.avutil.AVFrame;

/**
 * Mixes two yuv420p frames of the output size for a crossfade: {@code a * (1 - progress) + b * progress}, per
 * sample, in 8-bit fixed point (the same linear fade as FFmpeg's {@code xfade=transition=fade}).
 *
 * <p>Reuses one output frame; a crossfade only lasts a few frames, so this is a small part of the work. Not
 * thread-safe. {@link #close()} frees the frame.
 */
final class FrameBlender implements AutoCloseable {

    private final int width;
    private final int height;
    private final AVFrame mixed = av_frame_alloc();
    private final byte[] rowA;
    private final byte[] rowB;

    FrameBlender(int width, int height) {
        this.width = width;
        this.height = height;
        mixed.format(AV_PIX_FMT_YUV420P);
        mixed.width(width);
        mixed.height(height);
        mixed.sample_aspect_ratio(av_make_q(1, 1));
        mixed.color_primaries(AVCOL_PRI_BT709);
        mixed.color_trc(AVCOL_TRC_BT709);
        mixed.colorspace(AVCOL_SPC_BT709);
        mixed.color_range(AVCOL_RANGE_MPEG);
        FfmpegStatus.check(av_frame_get_buffer(mixed, 0), "Allocating a crossfade frame");
        rowA = new byte[width];
        rowB = new byte[width];
    }

    /**
     * The mix of {@code a} and {@code b}, {@code progress} (0 to 1) of the way to {@code b}. The result belongs to
     * this blender and stays valid until the next call.
     */
    AVFrame blend(AVFrame a, AVFrame b, double progress) {
        // The encoder may still hold the previous mix; then this gives the blender a fresh buffer.
        FfmpegStatus.check(av_frame_make_writable(mixed), "Preparing a crossfade frame");
        int weight = (int) Math.round(Math.clamp(progress, 0, 1) * 256);
        for (int plane = 0; plane < 3; plane++) {
            int planeWidth = plane == 0 ? width : (width + 1) / 2;
            int planeHeight = plane == 0 ? height : (height + 1) / 2;
            ByteBuffer from = plane(a, plane, planeHeight);
            ByteBuffer to = plane(b, plane, planeHeight);
            ByteBuffer out = plane(mixed, plane, planeHeight);
            int strideA = a.linesize(plane);
            int strideB = b.linesize(plane);
            int strideOut = mixed.linesize(plane);
            for (int y = 0; y < planeHeight; y++) {
                from.get(y * strideA, rowA, 0, planeWidth);
                to.get(y * strideB, rowB, 0, planeWidth);
                mix(rowA, rowB, planeWidth, weight);
                out.put(y * strideOut, rowA, 0, planeWidth);
            }
        }
        return mixed;
    }

    /** Writes the mix into {@code into}, in place. */
    private static void mix(byte[] into, byte[] other, int length, int weight) {
        int keep = 256 - weight;
        for (int i = 0; i < length; i++) {
            into[i] = (byte) (((into[i] & 0xff) * keep + (other[i] & 0xff) * weight + 128) >> 8);
        }
    }

    private static ByteBuffer plane(AVFrame frame, int plane, int planeHeight) {
        return frame.data(plane).capacity((long) frame.linesize(plane) * planeHeight).asBuffer();
    }

    @Override
    public void close() {
        av_frame_free(mixed);
    }
}
