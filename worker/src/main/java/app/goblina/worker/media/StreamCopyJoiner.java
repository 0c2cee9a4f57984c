package app.goblina.worker.media;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_AAC;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_H264;
import static org.bytedeco.ffmpeg.global.avcodec.AV_FIELD_PROGRESSIVE;
import static org.bytedeco.ffmpeg.global.avcodec.AV_FIELD_UNKNOWN;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PROFILE_H264_HIGH;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_rescale_ts;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_copy;
import static org.bytedeco.ffmpeg.global.avformat.AVIO_FLAG_WRITE;
import static org.bytedeco.ffmpeg.global.avformat.av_interleaved_write_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_write_trailer;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_output_context2;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_free_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_new_stream;
import static org.bytedeco.ffmpeg.global.avformat.avformat_write_header;
import static org.bytedeco.ffmpeg.global.avformat.avio_closep;
import static org.bytedeco.ffmpeg.global.avformat.avio_open2;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_PRI_BT709;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_PRI_UNSPECIFIED;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_RANGE_MPEG;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_RANGE_UNSPECIFIED;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_SPC_BT709;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_SPC_UNSPECIFIED;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_TRC_BT709;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_TRC_UNSPECIFIED;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.AV_TIME_BASE;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;
import static org.bytedeco.ffmpeg.global.avutil.av_rescale_q;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVRational;

/**
 * The fast path: joins clips that are already in the short's exact format by copying their compressed packets one
 * after the other into a new MP4 (faststart, tagged BT.709), decoding and encoding nothing.
 *
 * <p>Joinable clips all have: H.264 High, yuv420p, progressive, square pixels, the output size and a constant
 * frame rate equal to the output's, BT.709 or untagged colour in limited range; AAC at 48 kHz stereo; and the same
 * codec configuration (SPS/PPS, AAC config), since an MP4 track declares one configuration for all its samples.
 *
 * <p>Each clip's packets are shifted to follow the previous clip's pictures. Sound that runs past a clip's last
 * picture is dropped, so it cannot push the next clip's sound out of sync; the next clip's sound may then start up
 * to one AAC frame (21 ms) late, which never accumulates. The AAC encoder's priming frame at the start of each
 * clip but the first is dropped. Memory holds one packet and the muxer's interleaving queue. Blocking.
 */
final class StreamCopyJoiner {

    /** The clips could not be joined by copy after all (timestamps that cannot be made to follow each other). */
    static final class NotJoinable extends RuntimeException {
        NotJoinable(String reason) {
            super(reason, null, false, false);
        }
    }

    private StreamCopyJoiner() {}

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

    /**
     * Copies {@code files} (which {@link #whyNotJoinable} accepted) one after the other into {@code target}.
     *
     * @throws NotJoinable when their timestamps cannot be made to follow each other; nothing usable was written
     * @throws java.io.UncheckedIOException when reading or writing fails
     * @throws app.goblina.failures.TransientFailure when the wall-clock limit passes
     */
    static void join(List<Path> files, Path target, Deadline deadline) {
        String url = "file:" + target.toAbsolutePath();
        AVFormatContext output = new AVFormatContext(null);
        FfmpegStatus.check(avformat_alloc_output_context2(output, null, "mp4", url), "Creating the MP4 muxer");
        AVPacket packet = av_packet_alloc();
        try {
            AVStream[] outputs = createStreams(files.getFirst(), output);
            openFile(output, url);
            Copier copier = new Copier(output, outputs, packet, deadline);
            for (Path file : files) {
                copier.copy(file);
            }
            FfmpegStatus.check(av_write_trailer(output), "Finishing the MP4");
        } finally {
            av_packet_free(packet);
            if (output.pb() != null && !output.pb().isNull()) {
                avio_closep(output.pb());
            }
            avformat_free_context(output);
        }
    }

    /** Video and audio streams described like the first clip's, the video tagged BT.709 limited range. */
    private static AVStream[] createStreams(Path first, AVFormatContext output) {
        AVFormatContext input = LocalMedia.openHeaders(first);
        try {
            AVStream[] streams = new AVStream[2];
            int[] types = {AVMEDIA_TYPE_VIDEO, AVMEDIA_TYPE_AUDIO};
            for (int i = 0; i < 2; i++) {
                AVStream source = MediaProbe.firstStream(input, types[i]);
                AVStream stream = avformat_new_stream(output, null);
                FfmpegStatus.check(avcodec_parameters_copy(stream.codecpar(), source.codecpar()), "Copying a stream");
                // The input's tag may be for another container; the muxer picks the right one.
                stream.codecpar().codec_tag(0);
                stream.time_base(source.time_base());
                if (i == 0) {
                    stream.avg_frame_rate(source.avg_frame_rate());
                    stream.codecpar().color_primaries(AVCOL_PRI_BT709);
                    stream.codecpar().color_trc(AVCOL_TRC_BT709);
                    stream.codecpar().color_space(AVCOL_SPC_BT709);
                    stream.codecpar().color_range(AVCOL_RANGE_MPEG);
                }
                streams[i] = stream;
            }
            return streams;
        } finally {
            avformat_close_input(input);
        }
    }

    private static void openFile(AVFormatContext output, String url) {
        AVIOContext io = new AVIOContext(null);
        AVDictionary ioOptions = new AVDictionary(null);
        av_dict_set(ioOptions, "protocol_whitelist", "file", 0);
        try {
            FfmpegStatus.check(avio_open2(io, url, AVIO_FLAG_WRITE, null, ioOptions), "Creating the MP4");
        } finally {
            av_dict_free(ioOptions);
        }
        output.pb(io);
        AVDictionary options = new AVDictionary(null);
        av_dict_set(options, "movflags", "+faststart", 0);
        try {
            FfmpegStatus.check(avformat_write_header(output, options), "Writing the MP4 header");
        } finally {
            av_dict_free(options);
        }
    }

    /** Copies clip after clip, keeping where the previous one ended. */
    private static final class Copier {

        private static final AVRational MICROSECONDS = av_make_q(1, AV_TIME_BASE);

        private final AVFormatContext output;
        private final AVStream[] outputs;
        private final AVPacket packet;
        private final Deadline deadline;
        private final long[] lastDts = {Long.MIN_VALUE, Long.MIN_VALUE};
        /** Where the next clip starts on the short's timeline, in microseconds. */
        private long offset;
        /** Where the sound written so far ends, in microseconds. */
        private long audioEnd;

        Copier(AVFormatContext output, AVStream[] outputs, AVPacket packet, Deadline deadline) {
            this.output = output;
            this.outputs = outputs;
            this.packet = packet;
            this.deadline = deadline;
        }

        void copy(Path file) {
            AVFormatContext input = LocalMedia.openHeaders(file);
            try {
                AVStream video = MediaProbe.firstStream(input, AVMEDIA_TYPE_VIDEO);
                AVStream audio = MediaProbe.firstStream(input, AVMEDIA_TYPE_AUDIO);
                Long origin = video.start_time() == AV_NOPTS_VALUE ? null
                        : av_rescale_q(video.start_time(), video.time_base(), MICROSECONDS);
                long length = videoLength(input, video);
                long videoEnd = 0;
                Long audioDelay = null;
                while (av_read_frame(input, packet) >= 0) {
                    deadline.check();
                    try {
                        int index = packet.stream_index();
                        int track = index == video.index() ? 0 : index == audio.index() ? 1 : -1;
                        if (track < 0 || packet.dts() == AV_NOPTS_VALUE) {
                            continue;
                        }
                        AVStream source = track == 0 ? video : audio;
                        long pts = packet.pts() == AV_NOPTS_VALUE ? packet.dts() : packet.pts();
                        if (origin == null) {
                            // Headers without a start time: the first picture in decoding order is a key frame that
                            // also comes first on screen.
                            origin = track == 0 ? av_rescale_q(pts, source.time_base(), MICROSECONDS) : null;
                            if (origin == null) {
                                continue;
                            }
                        }
                        long relative = av_rescale_q(pts, source.time_base(), MICROSECONDS) - origin;
                        long duration = av_rescale_q(packet.duration(), source.time_base(), MICROSECONDS);
                        if (track == 0) {
                            videoEnd = Math.max(videoEnd, relative + duration);
                            writeVideo(source, offset - origin);
                            continue;
                        }
                        if (relative < 0 && offset > 0) {
                            // Encoder priming before the clip's start: played in the middle of a short it would be
                            // heard, so only the first clip keeps it (where the MP4 edit list hides it).
                            continue;
                        }
                        if (audioDelay == null) {
                            // Sound must follow the previous clip's sound: if that ran a fraction of a frame past
                            // its pictures, this clip's sound starts that much later (never more than one frame,
                            // because sound past the pictures is dropped below).
                            long start = offset + relative;
                            audioDelay = Math.max(0, audioEnd - start);
                        }
                        if (relative + audioDelay >= length) {
                            continue;
                        }
                        audioEnd = Math.max(audioEnd, offset + relative + audioDelay + duration);
                        writeAudio(source, offset - origin + audioDelay);
                    } finally {
                        av_packet_unref(packet);
                    }
                }
                offset += Math.max(videoEnd, 1);
            } finally {
                avformat_close_input(input);
            }
        }

        private void writeVideo(AVStream source, long shiftMicros) {
            shiftAndWrite(0, source, shiftMicros);
        }

        private void writeAudio(AVStream source, long shiftMicros) {
            shiftAndWrite(1, source, shiftMicros);
        }

        private void shiftAndWrite(int track, AVStream source, long shiftMicros) {
            AVStream target = outputs[track];
            av_packet_rescale_ts(packet, source.time_base(), target.time_base());
            long shift = av_rescale_q(shiftMicros, MICROSECONDS, target.time_base());
            long dts = packet.dts() + shift;
            long pts = (packet.pts() == AV_NOPTS_VALUE ? packet.dts() : packet.pts()) + shift;
            if (dts <= lastDts[track]) {
                throw new NotJoinable("the timestamps of two clips overlap");
            }
            lastDts[track] = dts;
            packet.dts(dts);
            packet.pts(pts);
            packet.pos(-1);
            packet.stream_index(target.index());
            FfmpegStatus.check(av_interleaved_write_frame(output, packet), "Writing the MP4");
        }

        private static long videoLength(AVFormatContext input, AVStream video) {
            if (video.duration() != AV_NOPTS_VALUE && video.duration() > 0) {
                return av_rescale_q(video.duration(), video.time_base(), MICROSECONDS);
            }
            return input.duration() == AV_NOPTS_VALUE ? Long.MAX_VALUE : input.duration();
        }
    }
}
