package app.goblina.worker.media;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_rescale_ts;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder_by_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_from_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_packet;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_frame;
import static org.bytedeco.ffmpeg.global.avformat.AVIO_FLAG_WRITE;
import static org.bytedeco.ffmpeg.global.avformat.av_interleaved_write_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_write_trailer;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_output_context2;
import static org.bytedeco.ffmpeg.global.avformat.avformat_free_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_new_stream;
import static org.bytedeco.ffmpeg.global.avformat.avformat_write_header;
import static org.bytedeco.ffmpeg.global.avformat.avio_closep;
import static org.bytedeco.ffmpeg.global.avformat.avio_open2;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;

import java.nio.file.Path;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVRational;

/**
 * The animated preview: the short's first {@value #SECONDS} seconds as a looping animated WebP, {@value #FPS}
 * frames per second, {@value #LONG_SIDE} pixels on its long side, without sound. Fed the short's own output
 * frames (captions included) as they are encoded, so it costs no extra decoding.
 *
 * <p>Not thread-safe. {@link #close()} frees the encoder; the caller deletes the file if it was not finished.
 */
final class PreviewWriter implements AutoCloseable {

    static final int SECONDS = 3;
    static final int FPS = 10;
    static final int LONG_SIDE = 480;

    private final Path file;
    private final int sourceFps;
    private final long framesWanted;
    private final int width;
    private final int height;
    private final AVFrame scaled = av_frame_alloc();
    private final AVPacket packet = av_packet_alloc();
    private FilterGraph graph;
    private AVCodecContext encoder;
    private AVFormatContext container;
    private AVStream stream;
    private boolean finished;
    private long lastIndex;

    /** @param sourceFps the frame rate of the frames given to {@link #add} */
    PreviewWriter(Path file, int sourceWidth, int sourceHeight, int sourceFps) {
        this.file = file;
        this.sourceFps = sourceFps;
        this.framesWanted = (long) SECONDS * sourceFps;
        double scale = (double) LONG_SIDE / Math.max(sourceWidth, sourceHeight);
        this.width = Math.max(2, (int) Math.round(sourceWidth * scale / 2) * 2);
        this.height = Math.max(2, (int) Math.round(sourceHeight * scale / 2) * 2);
    }

    /** True while frames at {@code index} and later are still wanted. */
    boolean wants(long index) {
        return !finished && index < framesWanted;
    }

    /** Adds output frame {@code index} (frames must come in order from 0); its timestamp is overwritten. */
    void add(AVFrame picture, long index) {
        if (!wants(index)) {
            return;
        }
        if (graph == null) {
            open(picture);
        }
        picture.pts(index);
        graph.push(picture);
        lastIndex = index;
        drainGraph();
        if (index + 1 >= framesWanted) {
            finish();
        }
    }

    /** Completes the file with whatever frames it has (a short may be shorter than the preview). */
    void finish() {
        if (finished || graph == null) {
            return;
        }
        // A short shorter than the preview ends the preview where it ends, without repeating its last frame.
        graph.end(Math.min(framesWanted, lastIndex + 1));
        drainGraph();
        FfmpegStatus.check(avcodec_send_frame(encoder, null), "Finishing the preview");
        drainEncoder();
        FfmpegStatus.check(av_write_trailer(container), "Finishing the preview");
        finished = true;
    }

    boolean finished() {
        return finished;
    }

    private void open(AVFrame first) {
        graph = FilterGraph.video("preview", "fps=" + FPS + ",scale=" + width + ":" + height
                + ":flags=bilinear,format=pix_fmts=yuv420p", first, av_make_q(1, sourceFps));
        AVCodec codec = avcodec_find_encoder_by_name("libwebp_anim");
        if (codec == null) {
            throw new IllegalStateException("This FFmpeg build has no animated WebP encoder");
        }
        encoder = avcodec_alloc_context3(codec);
        encoder.width(width);
        encoder.height(height);
        encoder.pix_fmt(AV_PIX_FMT_YUV420P);
        encoder.time_base(av_make_q(1, FPS));
        AVDictionary options = new AVDictionary(null);
        av_dict_set(options, "quality", "70", 0);
        try {
            FfmpegStatus.check(avcodec_open2(encoder, codec, options), "Opening the preview encoder");
        } finally {
            av_dict_free(options);
        }
        String url = "file:" + file.toAbsolutePath();
        container = new AVFormatContext(null);
        FfmpegStatus.check(avformat_alloc_output_context2(container, null, "webp", url), "Creating the preview");
        stream = avformat_new_stream(container, null);
        FfmpegStatus.check(avcodec_parameters_from_context(stream.codecpar(), encoder), "Creating the preview");
        stream.time_base(encoder.time_base());
        AVIOContext io = new AVIOContext(null);
        AVDictionary ioOptions = new AVDictionary(null);
        av_dict_set(ioOptions, "protocol_whitelist", "file", 0);
        try {
            FfmpegStatus.check(avio_open2(io, url, AVIO_FLAG_WRITE, null, ioOptions), "Creating the preview");
        } finally {
            av_dict_free(ioOptions);
        }
        container.pb(io);
        AVDictionary muxerOptions = new AVDictionary(null);
        // 0 loops forever, as a preview should.
        av_dict_set(muxerOptions, "loop", "0", 0);
        try {
            FfmpegStatus.check(avformat_write_header(container, muxerOptions), "Creating the preview");
        } finally {
            av_dict_free(muxerOptions);
        }
    }

    private void drainGraph() {
        AVRational graphTimeBase = graph.outputTimeBase();
        while (graph.pull(scaled)) {
            scaled.pts(Math.round((double) scaled.pts() * graphTimeBase.num() * FPS / graphTimeBase.den()));
            FfmpegStatus.check(avcodec_send_frame(encoder, scaled), "Encoding the preview");
            drainEncoder();
        }
    }

    private void drainEncoder() {
        while (true) {
            int status = avcodec_receive_packet(encoder, packet);
            if (status == FfmpegStatus.AGAIN || status == AVERROR_EOF) {
                return;
            }
            FfmpegStatus.check(status, "Encoding the preview");
            av_packet_rescale_ts(packet, encoder.time_base(), stream.time_base());
            packet.stream_index(stream.index());
            FfmpegStatus.check(av_interleaved_write_frame(container, packet), "Writing the preview");
        }
    }

    @Override
    public void close() {
        av_frame_free(scaled);
        av_packet_free(packet);
        if (graph != null) {
            graph.close();
        }
        if (encoder != null) {
            avcodec_free_context(encoder);
        }
        if (container != null) {
            if (container.pb() != null && !container.pb().isNull()) {
                avio_closep(container.pb());
            }
            avformat_free_context(container);
        }
    }
}
