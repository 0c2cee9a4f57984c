package app.goblina.worker.media;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
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
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_RANGE_MPEG;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_SPC_BT709;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_TRC_BT709;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;

import app.goblina.worker.media.PacketTimestamps.PacketTimes;
import app.goblina.worker.media.PacketTimestamps.TimeBase;
import java.nio.file.Path;
import java.util.List;
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
 * <p>Which clips can be joined so is decided by {@link StreamCopyCompatibility}; the timestamp arithmetic is in
 * {@link PacketTimestamps}.
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
     * Copies {@code files} (which {@link StreamCopyCompatibility#whyNotJoinable} accepted) one after the other into
     * {@code target}.
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
                        : PacketTimestamps.toMicros(video.start_time(), timeBase(video));
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
                        TimeBase base = timeBase(source);
                        long pts = PacketTimestamps.toMicros(PacketTimestamps.presentation(packet.pts(), packet.dts()),
                                base);
                        if (origin == null) {
                            // Headers without a start time: the first picture in decoding order is a key frame that
                            // also comes first on screen.
                            origin = track == 0 ? pts : null;
                            if (origin == null) {
                                continue;
                            }
                        }
                        long relative = pts - origin;
                        long duration = PacketTimestamps.toMicros(packet.duration(), base);
                        if (track == 0) {
                            videoEnd = Math.max(videoEnd, relative + duration);
                            shiftAndWrite(0, base, offset - origin);
                            continue;
                        }
                        if (PacketTimestamps.isPrimingToDrop(relative, offset)) {
                            continue;
                        }
                        if (audioDelay == null) {
                            // The delay is never more than one frame, because sound past the pictures is dropped.
                            audioDelay = PacketTimestamps.soundDelay(audioEnd, offset, relative);
                        }
                        if (PacketTimestamps.isPastPictures(relative, audioDelay, length)) {
                            continue;
                        }
                        audioEnd = Math.max(audioEnd, offset + relative + audioDelay + duration);
                        shiftAndWrite(1, base, offset - origin + audioDelay);
                    } finally {
                        av_packet_unref(packet);
                    }
                }
                offset = PacketTimestamps.nextClipStart(offset, videoEnd);
            } finally {
                avformat_close_input(input);
            }
        }

        private void shiftAndWrite(int track, TimeBase source, long shiftMicros) {
            AVStream target = outputs[track];
            PacketTimes moved = PacketTimestamps.shift(new PacketTimes(packet.pts(), packet.dts(), packet.duration()),
                    source, timeBase(target), shiftMicros);
            if (moved.dts() <= lastDts[track]) {
                throw new NotJoinable("the timestamps of two clips overlap");
            }
            lastDts[track] = moved.dts();
            packet.dts(moved.dts());
            packet.pts(moved.pts());
            packet.duration(moved.duration());
            packet.pos(-1);
            packet.stream_index(target.index());
            FfmpegStatus.check(av_interleaved_write_frame(output, packet), "Writing the MP4");
        }

        private static long videoLength(AVFormatContext input, AVStream video) {
            if (video.duration() != AV_NOPTS_VALUE && video.duration() > 0) {
                return PacketTimestamps.toMicros(video.duration(), timeBase(video));
            }
            return input.duration() == AV_NOPTS_VALUE ? Long.MAX_VALUE : input.duration();
        }

        private static TimeBase timeBase(AVStream stream) {
            AVRational base = stream.time_base();
            return new TimeBase(base.num(), base.den());
        }
    }
}
