package app.goblina.worker.media;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_H264;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_profile_name;
import static org.bytedeco.ffmpeg.global.avformat.AV_DISPOSITION_ATTACHED_PIC;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.AV_TIME_BASE;
import static org.bytedeco.ffmpeg.global.avutil.av_get_pix_fmt_name;

import app.goblina.failures.PermanentFailure;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacpp.BytePointer;

/**
 * Reads a media file's container and stream headers, the way {@code ffprobe} reports them, without decoding the
 * whole file (FFmpeg may decode a few packets to fill in missing parameters).
 *
 * <p>Blocking (file I/O). Stateless and thread-safe.
 */
public final class MediaProbe {

    /**
     * What {@link MediaProbe} read from a media file's headers.
     *
     * @param durationSeconds the container's duration (the longest stream, after edit lists), 0 when unknown
     * @param width width of the first video stream in pixels, 0 when there is no video
     * @param height height of the first video stream in pixels, 0 when there is no video
     * @param frameRate average frame rate of the video stream, 0 when unknown or no video
     * @param videoCodec FFmpeg's codec name, e.g. {@code h264}; null when there is no video
     * @param videoProfile FFmpeg's profile name, e.g. {@code High}; null when unknown
     * @param pixelFormat FFmpeg's pixel format name, e.g. {@code yuv420p}; null when unknown
     * @param audioCodec FFmpeg's codec name, e.g. {@code aac}; null when there is no audio
     * @param audioSampleRate samples per second of the first audio stream, 0 when there is no audio
     * @param audioChannels channels of the first audio stream, 0 when there is no audio
     */
    public record MediaInfo(
            double durationSeconds,
            int width,
            int height,
            double frameRate,
            String videoCodec,
            String videoProfile,
            String pixelFormat,
            String audioCodec,
            int audioSampleRate,
            int audioChannels) {

        public boolean hasAudio() {
            return audioCodec != null;
        }

        public boolean hasVideo() {
            return videoCodec != null;
        }
    }

    /**
     * Probes {@code file}, which must be a local file: names with a URL scheme ({@code http:}, {@code pipe:}, ...)
     * are refused, and FFmpeg may only open local files while reading it.
     *
     * @throws PermanentFailure when the file exists but is not a media file FFmpeg can read, or its name is a URL
     * @throws UncheckedIOException when the file does not exist
     */
    public MediaInfo probe(Path file) {
        AVFormatContext context = LocalMedia.open(file);
        try {
            return read(context);
        } finally {
            avformat_close_input(context);
        }
    }

    /** What {@link #probe} reads, and what decides whether the file can be joined to others by stream copy. */
    record Probed(MediaInfo info, StreamCopyCompatibility.ClipFormat format) {}

    /**
     * {@link #probe(Path)} without decoding (so several times faster on HD clips), also reading the stream details
     * the fast path needs. The pixel format of H.264 video is read from its sequence parameter set.
     */
    Probed probeForJoining(Path file) {
        AVFormatContext context = LocalMedia.openWithoutDecoding(file);
        try {
            AVStream video = firstStream(context, AVMEDIA_TYPE_VIDEO);
            if (video != null && video.codecpar().format() < 0 && video.codecpar().codec_id() == AV_CODEC_ID_H264) {
                video.codecpar().format(H264Configuration.pixelFormat(video.codecpar()));
            }
            return new Probed(read(context), StreamCopyCompatibility.ClipFormat.of(video,
                    firstStream(context, AVMEDIA_TYPE_AUDIO)));
        } finally {
            avformat_close_input(context);
        }
    }

    private static MediaInfo read(AVFormatContext context) {
        AVStream video = firstStream(context, AVMEDIA_TYPE_VIDEO);
        AVStream audio = firstStream(context, AVMEDIA_TYPE_AUDIO);

        int width = 0;
        int height = 0;
        double frameRate = 0;
        String videoCodec = null;
        String videoProfile = null;
        String pixelFormat = null;
        if (video != null) {
            AVCodecParameters parameters = video.codecpar();
            width = parameters.width();
            height = parameters.height();
            frameRate = rate(video.avg_frame_rate());
            if (frameRate == 0) {
                frameRate = rate(video.r_frame_rate());
            }
            videoCodec = string(avcodec_get_name(parameters.codec_id()));
            videoProfile = string(avcodec_profile_name(parameters.codec_id(), parameters.profile()));
            pixelFormat = parameters.format() < 0 ? null : string(av_get_pix_fmt_name(parameters.format()));
        }

        String audioCodec = null;
        int sampleRate = 0;
        int channels = 0;
        if (audio != null) {
            AVCodecParameters parameters = audio.codecpar();
            audioCodec = string(avcodec_get_name(parameters.codec_id()));
            sampleRate = parameters.sample_rate();
            channels = parameters.ch_layout().nb_channels();
        }

        return new MediaInfo(duration(context), width, height, frameRate, videoCodec, videoProfile, pixelFormat,
                audioCodec, sampleRate, channels);
    }

    /**
     * How long the first stream of {@code mediaType} lasts, from its packets' timestamps: for files whose headers
     * do not say. Reads the whole file without decoding it; 0 when the stream is missing or has no timestamps.
     *
     * @throws PermanentFailure when the file is not readable media
     */
    static double scanDuration(Path file, int mediaType) {
        AVFormatContext context = LocalMedia.open(file);
        AVPacket packet = av_packet_alloc();
        try {
            AVStream stream = firstStream(context, mediaType);
            if (stream == null) {
                return 0;
            }
            long first = Long.MAX_VALUE;
            long end = Long.MIN_VALUE;
            while (av_read_frame(context, packet) >= 0) {
                if (packet.stream_index() == stream.index() && packet.pts() != AV_NOPTS_VALUE) {
                    first = Math.min(first, packet.pts());
                    end = Math.max(end, packet.pts() + Math.max(0, packet.duration()));
                }
                av_packet_unref(packet);
            }
            return end > first ? (end - first) * rate(stream.time_base()) : 0;
        } finally {
            av_packet_free(packet);
            avformat_close_input(context);
        }
    }

    /** The first stream of {@code mediaType} ({@code AVMEDIA_TYPE_*}) in {@code context}; null when there is none. */
    static AVStream firstStream(AVFormatContext context, int mediaType) {
        for (int i = 0; i < context.nb_streams(); i++) {
            AVStream stream = context.streams(i);
            // Cover art in MP4/MP3 shows up as a one-frame "video" stream; it is not the video.
            boolean coverArt = (stream.disposition() & AV_DISPOSITION_ATTACHED_PIC) != 0;
            if (stream.codecpar().codec_type() == mediaType && !coverArt) {
                return stream;
            }
        }
        return null;
    }

    /** The container's duration, falling back to the longest stream when the container does not say. */
    private static double duration(AVFormatContext context) {
        if (context.duration() != AV_NOPTS_VALUE && context.duration() > 0) {
            return (double) context.duration() / AV_TIME_BASE;
        }
        double longest = 0;
        for (int i = 0; i < context.nb_streams(); i++) {
            AVStream stream = context.streams(i);
            if (stream.duration() != AV_NOPTS_VALUE && stream.duration() > 0) {
                longest = Math.max(longest, stream.duration() * rate(stream.time_base()));
            }
        }
        return longest;
    }

    private static double rate(AVRational rational) {
        return rational.den() == 0 ? 0 : (double) rational.num() / rational.den();
    }

    private static String string(BytePointer pointer) {
        return pointer == null || pointer.isNull() ? null : pointer.getString();
    }
}
