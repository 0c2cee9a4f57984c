package app.goblina.worker.media;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_FLAG_GLOBAL_HEADER;
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
import static org.bytedeco.ffmpeg.global.avformat.AVFMT_GLOBALHEADER;
import static org.bytedeco.ffmpeg.global.avformat.AVIO_FLAG_WRITE;
import static org.bytedeco.ffmpeg.global.avformat.av_interleaved_write_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_write_trailer;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_output_context2;
import static org.bytedeco.ffmpeg.global.avformat.avformat_free_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_new_stream;
import static org.bytedeco.ffmpeg.global.avformat.avformat_write_header;
import static org.bytedeco.ffmpeg.global.avformat.avio_closep;
import static org.bytedeco.ffmpeg.global.avformat.avio_open2;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_PRI_BT709;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_RANGE_MPEG;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_SPC_BT709;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_TRC_BT709;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AV_PICTURE_TYPE_NONE;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_FLTP;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_default;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;

/**
 * The finished short's MP4: H.264 High (libx264 {@value H264Encoding#PRESET}, CRF {@value H264Encoding#CRF},
 * automatic threads), yuv420p tagged BT.709 limited range, AAC-LC 48 kHz stereo at 128 kb/s, with the index moved
 * to the front ({@code movflags=+faststart}).
 *
 * <p>Frames are handed over as FFmpeg {@code AVFrame}s and timestamped here: video frame {@code n} is at
 * {@code n / fps}, audio sample {@code s} at {@code s / 48000}. The muxer interleaves the two streams, so callers
 * should write audio in step with the video (as {@link ShortAssembler} does, one video frame at a time).
 *
 * <p>Not thread-safe. {@link #finish()} completes the file; {@link #close()} always frees the native state.
 */
final class ShortEncoder implements AutoCloseable {

    static final int SAMPLE_RATE = 48_000;
    static final int CHANNELS = 2;
    static final int AUDIO_BITRATE = 128_000;

    private final AVFormatContext container;
    private final AVCodecContext video;
    private final AVCodecContext audio;
    private final AVStream videoStream;
    private final AVStream audioStream;
    private final AVPacket packet = av_packet_alloc();
    private long framesWritten;
    private long samplesWritten;

    private ShortEncoder(AVFormatContext container, AVCodecContext video, AVCodecContext audio,
            AVStream videoStream, AVStream audioStream) {
        this.container = container;
        this.video = video;
        this.audio = audio;
        this.videoStream = videoStream;
        this.audioStream = audioStream;
    }

    /** @throws UncheckedIOException when the file cannot be created or an encoder cannot be opened */
    static ShortEncoder open(Path file, int width, int height, int fps) {
        String url = "file:" + file.toAbsolutePath();
        AVFormatContext container = new AVFormatContext(null);
        // The URL is kept by the muxer: faststart reopens the file by it to move the index to the front.
        FfmpegStatus.check(avformat_alloc_output_context2(container, null, "mp4", url), "Creating the MP4 muxer");
        AVCodecContext video = null;
        AVCodecContext audio = null;
        try {
            boolean globalHeader = (container.oformat().flags() & AVFMT_GLOBALHEADER) != 0;
            video = openVideo(width, height, fps, globalHeader);
            audio = openAudio(globalHeader);
            AVStream videoStream = newStream(container, video);
            videoStream.avg_frame_rate(av_make_q(fps, 1));
            AVStream audioStream = newStream(container, audio);

            AVIOContext io = new AVIOContext(null);
            AVDictionary ioOptions = new AVDictionary(null);
            av_dict_set(ioOptions, "protocol_whitelist", "file", 0);
            try {
                FfmpegStatus.check(avio_open2(io, url, AVIO_FLAG_WRITE, null, ioOptions),
                        "Creating " + file.getFileName());
            } finally {
                av_dict_free(ioOptions);
            }
            container.pb(io);
            AVDictionary muxerOptions = new AVDictionary(null);
            av_dict_set(muxerOptions, "movflags", "+faststart", 0);
            try {
                FfmpegStatus.check(avformat_write_header(container, muxerOptions), "Writing the MP4 header");
            } finally {
                av_dict_free(muxerOptions);
            }
            return new ShortEncoder(container, video, audio, videoStream, audioStream);
        } catch (RuntimeException e) {
            if (video != null) {
                avcodec_free_context(video);
            }
            if (audio != null) {
                avcodec_free_context(audio);
            }
            closeContainer(container);
            throw e;
        }
    }

    private static AVCodecContext openVideo(int width, int height, int fps, boolean globalHeader) {
        AVCodec codec = avcodec_find_encoder_by_name(H264Encoding.ENCODER);
        if (codec == null) {
            throw new IllegalStateException("This FFmpeg build has no " + H264Encoding.ENCODER + " encoder");
        }
        AVCodecContext context = avcodec_alloc_context3(codec);
        context.width(width);
        context.height(height);
        context.pix_fmt(AV_PIX_FMT_YUV420P);
        context.time_base(av_make_q(1, fps));
        context.framerate(av_make_q(fps, 1));
        context.sample_aspect_ratio(av_make_q(1, 1));
        context.gop_size(H264Encoding.gopSize(fps));
        context.color_primaries(AVCOL_PRI_BT709);
        context.color_trc(AVCOL_TRC_BT709);
        context.colorspace(AVCOL_SPC_BT709);
        context.color_range(AVCOL_RANGE_MPEG);
        // 0 = automatic: x264 picks its frame-thread count from the cores, as the command line does.
        context.thread_count(0);
        if (globalHeader) {
            context.flags(context.flags() | AV_CODEC_FLAG_GLOBAL_HEADER);
        }
        AVDictionary options = new AVDictionary(null);
        av_dict_set(options, "preset", H264Encoding.PRESET, 0);
        av_dict_set(options, "crf", Integer.toString(H264Encoding.CRF), 0);
        av_dict_set(options, "profile", H264Encoding.PROFILE, 0);
        try {
            FfmpegStatus.check(avcodec_open2(context, codec, options), "Opening the H.264 encoder");
        } catch (RuntimeException e) {
            avcodec_free_context(context);
            throw e;
        } finally {
            av_dict_free(options);
        }
        return context;
    }

    private static AVCodecContext openAudio(boolean globalHeader) {
        AVCodec codec = avcodec_find_encoder_by_name("aac");
        AVCodecContext context = avcodec_alloc_context3(codec);
        context.sample_fmt(AV_SAMPLE_FMT_FLTP);
        context.sample_rate(SAMPLE_RATE);
        av_channel_layout_default(context.ch_layout(), CHANNELS);
        context.bit_rate(AUDIO_BITRATE);
        context.time_base(av_make_q(1, SAMPLE_RATE));
        if (globalHeader) {
            context.flags(context.flags() | AV_CODEC_FLAG_GLOBAL_HEADER);
        }
        try {
            FfmpegStatus.check(avcodec_open2(context, codec, (AVDictionary) null), "Opening the AAC encoder");
        } catch (RuntimeException e) {
            avcodec_free_context(context);
            throw e;
        }
        return context;
    }

    private static AVStream newStream(AVFormatContext container, AVCodecContext encoder) {
        AVStream stream = avformat_new_stream(container, null);
        FfmpegStatus.check(avcodec_parameters_from_context(stream.codecpar(), encoder), "Describing a stream");
        stream.time_base(encoder.time_base());
        return stream;
    }

    long samplesWritten() {
        return samplesWritten;
    }

    /** Samples per AAC frame (1024): every audio frame but the last must have exactly this many. */
    int audioFrameSize() {
        return audio.frame_size();
    }

    /**
     * Encodes {@code picture} (yuv420p, the output size) as the next video frame. Its timestamp and picture type
     * are overwritten; the caller keeps its reference.
     */
    void writeVideo(AVFrame picture) {
        picture.pts(framesWritten);
        // A decoder's I-frame mark would otherwise force a key frame where the source happened to have one.
        picture.pict_type(AV_PICTURE_TYPE_NONE);
        FfmpegStatus.check(avcodec_send_frame(video, picture), "Encoding video frame " + framesWritten);
        framesWritten++;
        drain(video, videoStream);
    }

    /** Encodes {@code samples} (48 kHz stereo planar float) as the next audio frame; its timestamp is overwritten. */
    void writeAudio(AVFrame samples) {
        samples.pts(samplesWritten);
        FfmpegStatus.check(avcodec_send_frame(audio, samples), "Encoding audio");
        samplesWritten += samples.nb_samples();
        drain(audio, audioStream);
    }

    /** Flushes both encoders and writes the index (moved to the front of the file). */
    void finish() {
        FfmpegStatus.check(avcodec_send_frame(video, null), "Flushing the video encoder");
        drain(video, videoStream);
        FfmpegStatus.check(avcodec_send_frame(audio, null), "Flushing the audio encoder");
        drain(audio, audioStream);
        FfmpegStatus.check(av_write_trailer(container), "Finishing the MP4");
    }

    private void drain(AVCodecContext encoder, AVStream stream) {
        while (true) {
            int status = avcodec_receive_packet(encoder, packet);
            if (status == FfmpegStatus.AGAIN || status == AVERROR_EOF) {
                return;
            }
            FfmpegStatus.check(status, "Encoding");
            av_packet_rescale_ts(packet, encoder.time_base(), stream.time_base());
            packet.stream_index(stream.index());
            // Takes over the packet's data whether it succeeds or not.
            FfmpegStatus.check(av_interleaved_write_frame(container, packet), "Writing the MP4");
        }
    }

    @Override
    public void close() {
        av_packet_free(packet);
        avcodec_free_context(video);
        avcodec_free_context(audio);
        closeContainer(container);
    }

    private static void closeContainer(AVFormatContext container) {
        if (container.pb() != null && !container.pb().isNull()) {
            avio_closep(container.pb());
        }
        avformat_free_context(container);
    }
}
