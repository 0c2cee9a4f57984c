package app.goblina.worker.media;

import static org.bytedeco.ffmpeg.global.avcodec.AVDISCARD_ALL;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_to_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;

import app.goblina.failures.PermanentFailure;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacpp.PointerPointer;

/**
 * Decodes one stream (the first video or the first audio stream) of a local media file, frame by frame. The other
 * streams are discarded by the demuxer, so they cost no decoding. The video decoder uses FFmpeg's automatic
 * thread count, as the {@code ffmpeg} command line does.
 *
 * <p>Packets that fail to decode are skipped, as the command line does: a clip with a few damaged frames still
 * plays. Not thread-safe; {@link #close()} frees the native demuxer and decoder.
 */
final class MediaInput implements AutoCloseable {

    private final AVFormatContext format;
    private final AVStream stream;
    private final AVCodecContext decoder;
    private final AVPacket packet;
    private final AVFrame frame;
    private static final int MAX_CONSECUTIVE_ERRORS = 100;

    private boolean draining;
    private boolean ended;
    private int consecutiveErrors;

    private MediaInput(AVFormatContext format, AVStream stream, AVCodecContext decoder) {
        this.format = format;
        this.stream = stream;
        this.decoder = decoder;
        this.packet = av_packet_alloc();
        this.frame = av_frame_alloc();
    }

    /**
     * Opens the first stream of {@code mediaType} ({@code AVMEDIA_TYPE_VIDEO} or {@code _AUDIO}) in {@code file}.
     *
     * @param name how errors refer to the file, e.g. {@code clip 2 of 3 (intro.mp4)}
     * @return the input, or null when the file has no stream of that type
     * @throws PermanentFailure when the file is not a readable local media file or its codec cannot be decoded
     */
    static MediaInput open(Path file, int mediaType, String name) {
        AVFormatContext format;
        try {
            // Nothing is decoded to probe: the decoder opened below learns the rest from the stream itself.
            format = LocalMedia.openWithoutDecoding(file);
        } catch (PermanentFailure e) {
            throw new PermanentFailure("The " + name + " is not readable: " + e.getMessage(), e);
        }
        AVCodecContext decoder = null;
        try {
            AVStream stream = MediaProbe.firstStream(format, mediaType);
            if (stream == null) {
                avformat_close_input(format);
                return null;
            }
            for (int i = 0; i < format.nb_streams(); i++) {
                if (i != stream.index()) {
                    // AVDISCARD_ALL: the demuxer skips these packets instead of handing them over.
                    format.streams(i).discard(AVDISCARD_ALL);
                }
            }
            AVCodec codec = avcodec_find_decoder(stream.codecpar().codec_id());
            if (codec == null) {
                throw new PermanentFailure("The " + name + " uses a codec that cannot be decoded");
            }
            decoder = avcodec_alloc_context3(codec);
            FfmpegStatus.check(avcodec_parameters_to_context(decoder, stream.codecpar()), "Reading the codec of " + name);
            decoder.pkt_timebase(stream.time_base());
            if (mediaType == AVMEDIA_TYPE_VIDEO) {
                decoder.thread_count(0);
            }
            int status = avcodec_open2(decoder, codec, (PointerPointer<?>) null);
            if (status < 0) {
                throw new PermanentFailure("The " + name + " cannot be decoded (" + FfmpegStatus.describe(status) + ")");
            }
            return new MediaInput(format, stream, decoder);
        } catch (RuntimeException e) {
            if (decoder != null) {
                avcodec_free_context(decoder);
            }
            avformat_close_input(format);
            throw e;
        }
    }

    AVStream stream() {
        return stream;
    }

    AVCodecContext decoder() {
        return decoder;
    }

    /**
     * The next decoded frame, or null when the stream has ended. The frame belongs to this input and stays valid
     * until the next call; use {@code av_frame_ref} to keep it longer.
     */
    AVFrame next() {
        while (!ended) {
            av_frame_unref(frame);
            int status = avcodec_receive_frame(decoder, frame);
            if (status >= 0) {
                consecutiveErrors = 0;
                return frame;
            }
            if (status == AVERROR_EOF) {
                ended = true;
                break;
            }
            if (status != FfmpegStatus.AGAIN) {
                // A damaged frame: skip it and go on, as the command line does, unless nothing decodes any more.
                if (++consecutiveErrors > MAX_CONSECUTIVE_ERRORS) {
                    ended = true;
                }
                continue;
            }
            consecutiveErrors = 0;
            feed();
        }
        return null;
    }

    private void feed() {
        if (draining) {
            // The decoder asked for input after the flush packet; nothing more will come.
            ended = true;
            return;
        }
        while (true) {
            int status = av_read_frame(format, packet);
            if (status < 0) {
                // End of file, or a read error that ends the usable part of the file.
                draining = true;
                avcodec_send_packet(decoder, null);
                return;
            }
            try {
                if (packet.stream_index() != stream.index()) {
                    continue;
                }
                // A packet the decoder rejects as damaged is dropped; later ones may decode.
                avcodec_send_packet(decoder, packet);
                return;
            } finally {
                av_packet_unref(packet);
            }
        }
    }

    @Override
    public void close() {
        av_frame_free(frame);
        av_packet_free(packet);
        avcodec_free_context(decoder);
        avformat_close_input(format);
    }
}
