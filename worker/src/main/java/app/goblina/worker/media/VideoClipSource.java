package app.goblina.worker.media;

import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_DATA_DISPLAYMATRIX;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_side_data_get;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_SPC_BT470BG;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_SPC_SMPTE170M;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.av_display_rotation_get;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_move_ref;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;

import app.goblina.failures.PermanentFailure;
import app.goblina.worker.media.FilterGraphs.SourceColour;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacketSideData;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacpp.IntPointer;

/**
 * One clip's pictures in the short's format, one output frame at a time: decoded, converted to the output frame
 * rate by timestamp, turned upright when the container says so, scaled and cropped (or letterboxed) to the frame
 * size, yuv420p BT.709.
 *
 * <p>Gives exactly the planned number of frames: when the clip's pictures end early, the last one is held; when
 * they last longer, the rest is never decoded. The clip's time starts at its first picture, whatever the
 * container's start time. Holds one decoded and one output frame at a time.
 *
 * <p>Not thread-safe. {@link #close()} frees the decoder and the filter graph.
 */
final class VideoClipSource implements AutoCloseable {

    private final String name;
    private final MediaInput input;
    private final int frames;
    private final int width;
    private final int height;
    private final int fps;
    private final Fit fit;
    private final AVFrame current = av_frame_alloc();
    private final AVFrame pulled = av_frame_alloc();
    private FilterGraph graph;
    private long firstPts = AV_NOPTS_VALUE;
    private long lastPts = AV_NOPTS_VALUE;
    private int produced;
    private boolean haveFrame;

    private VideoClipSource(String name, MediaInput input, int frames, int width, int height, int fps, Fit fit) {
        this.name = name;
        this.input = input;
        this.frames = frames;
        this.width = width;
        this.height = height;
        this.fps = fps;
        this.fit = fit;
    }

    /**
     * @param name how errors refer to the clip, e.g. {@code clip 2 of 3 (intro.mp4)}
     * @param frames how many output frames to give
     * @throws PermanentFailure when the clip cannot be opened or has no video
     */
    static VideoClipSource open(Path file, String name, int frames, int width, int height, int fps, Fit fit) {
        MediaInput input = MediaInput.open(file, AVMEDIA_TYPE_VIDEO, name);
        if (input == null) {
            throw new PermanentFailure("The " + name + " has no video picture");
        }
        return new VideoClipSource(name, input, frames, width, height, fps, fit);
    }

    /**
     * The next output frame (yuv420p, the output size, square pixels). It belongs to this source and stays valid
     * until the next call; its timestamp is meaningless.
     *
     * @throws PermanentFailure when the clip has no decodable picture at all
     */
    AVFrame next() {
        if (produced < frames && pullNext()) {
            produced++;
            return current;
        }
        if (!haveFrame) {
            throw new PermanentFailure("The " + name + " has no decodable video frames");
        }
        // The pictures ended before the clip's planned length: hold the last one.
        produced++;
        return current;
    }

    private boolean pullNext() {
        while (true) {
            if (graph != null && graph.pull(pulled)) {
                av_frame_unref(current);
                av_frame_move_ref(current, pulled);
                haveFrame = true;
                return true;
            }
            if (graph != null && graph.ended()) {
                return false;
            }
            AVFrame decoded = input.next();
            if (decoded == null) {
                if (graph == null) {
                    return false;
                }
                graph.end(endPts());
                continue;
            }
            push(decoded);
        }
    }

    private void push(AVFrame decoded) {
        long pts = decoded.best_effort_timestamp();
        if (pts == AV_NOPTS_VALUE) {
            // No timestamp: assume it follows the previous picture by one source frame.
            pts = lastPts == AV_NOPTS_VALUE ? 0 : lastPts + sourceFrameTicks();
        }
        if (graph == null) {
            firstPts = pts;
            graph = FilterGraph.video(name, normalizeGraph(decoded), decoded, timeBase());
        }
        if (lastPts != AV_NOPTS_VALUE && pts <= lastPts) {
            // Out-of-order or repeated timestamps would confuse the frame-rate conversion; such pictures are dropped.
            return;
        }
        lastPts = pts;
        decoded.pts(pts - firstPts);
        graph.push(decoded);
    }

    private String normalizeGraph(AVFrame first) {
        AVRational aspect = first.sample_aspect_ratio();
        double sampleAspect = aspect.num() > 0 && aspect.den() > 0 ? (double) aspect.num() / aspect.den() : 1;
        int colourSpace = first.colorspace();
        SourceColour colour = colourSpace == AVCOL_SPC_BT470BG || colourSpace == AVCOL_SPC_SMPTE170M
                ? SourceColour.BT601
                : SourceColour.BT709;
        return FilterGraphs.normalize(first.width(), first.height(), sampleAspect, clockwiseRotation(), width, height,
                fps, fit, colour);
    }

    /** How far the container says to turn the pictures for display, clockwise: 0, 90, 180 or 270 degrees. */
    private int clockwiseRotation() {
        AVCodecParameters parameters = input.stream().codecpar();
        AVPacketSideData matrix = av_packet_side_data_get(parameters.coded_side_data(),
                parameters.nb_coded_side_data(), AV_PKT_DATA_DISPLAYMATRIX);
        if (matrix == null || matrix.isNull() || matrix.size() < 9 * Integer.BYTES) {
            return 0;
        }
        // The matrix gives the counter-clockwise angle; snapped to a quarter turn, as the command line does.
        double counterClockwise = av_display_rotation_get(new IntPointer(matrix.data()));
        if (Double.isNaN(counterClockwise)) {
            return 0;
        }
        long quarterTurns = Math.round(-counterClockwise / 90);
        return Math.floorMod(quarterTurns * 90, 360);
    }

    private AVRational timeBase() {
        return input.stream().time_base();
    }

    /** Where the clip ends, in its own time base, so the frame-rate conversion fills the last frames. */
    private long endPts() {
        AVRational timeBase = timeBase();
        return Math.round((double) frames / fps * timeBase.den() / timeBase.num());
    }

    private long sourceFrameTicks() {
        AVRational rate = input.stream().avg_frame_rate();
        AVRational timeBase = timeBase();
        double seconds = rate.num() > 0 && rate.den() > 0 ? (double) rate.den() / rate.num() : 1.0 / fps;
        return Math.max(1, Math.round(seconds * timeBase.den() / timeBase.num()));
    }

    @Override
    public void close() {
        av_frame_free(current);
        av_frame_free(pulled);
        if (graph != null) {
            graph.close();
        }
        input.close();
    }
}
