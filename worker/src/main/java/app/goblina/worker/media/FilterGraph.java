package app.goblina.worker.media;

import static org.bytedeco.ffmpeg.global.avfilter.AV_BUFFERSRC_FLAG_KEEP_REF;
import static org.bytedeco.ffmpeg.global.avfilter.av_buffersink_get_frame;
import static org.bytedeco.ffmpeg.global.avfilter.av_buffersink_get_time_base;
import static org.bytedeco.ffmpeg.global.avfilter.av_buffersink_set_frame_size;
import static org.bytedeco.ffmpeg.global.avfilter.av_buffersrc_add_frame_flags;
import static org.bytedeco.ffmpeg.global.avfilter.av_buffersrc_close;
import static org.bytedeco.ffmpeg.global.avfilter.avfilter_get_by_name;
import static org.bytedeco.ffmpeg.global.avfilter.avfilter_graph_alloc;
import static org.bytedeco.ffmpeg.global.avfilter.avfilter_graph_config;
import static org.bytedeco.ffmpeg.global.avfilter.avfilter_graph_create_filter;
import static org.bytedeco.ffmpeg.global.avfilter.avfilter_graph_free;
import static org.bytedeco.ffmpeg.global.avfilter.avfilter_graph_parse_ptr;
import static org.bytedeco.ffmpeg.global.avfilter.avfilter_inout_alloc;
import static org.bytedeco.ffmpeg.global.avfilter.avfilter_inout_free;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_describe;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;
import static org.bytedeco.ffmpeg.global.avutil.av_get_sample_fmt_name;
import static org.bytedeco.ffmpeg.global.avutil.av_strdup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import org.bytedeco.ffmpeg.avfilter.AVFilterContext;
import org.bytedeco.ffmpeg.avfilter.AVFilterGraph;
import org.bytedeco.ffmpeg.avfilter.AVFilterInOut;
import org.bytedeco.ffmpeg.avutil.AVChannelLayout;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacpp.BytePointer;

/**
 * One FFmpeg filter graph with a single input and a single output, driven frame by frame: the same libavfilter
 * code the {@code ffmpeg} command line runs, with the same automatic slice threading.
 *
 * <p>Frames go in and come out as reference-counted {@code AVFrame}s, so nothing is copied on the way in or out
 * and timestamps are kept exactly (the graph's time base is the one given at creation).
 *
 * <p>Not thread-safe. {@link #close()} frees the graph.
 */
final class FilterGraph implements AutoCloseable {

    private final String name;
    private final AVFilterGraph graph;
    private final AVFilterContext source;
    private final AVFilterContext sink;
    private boolean inputEnded;
    private boolean outputEnded;

    private FilterGraph(String name, AVFilterGraph graph, AVFilterContext source, AVFilterContext sink) {
        this.name = name;
        this.graph = graph;
        this.source = source;
        this.sink = sink;
    }

    /**
     * A graph for pictures like {@code first} (size, pixel format, pixel aspect, colour space and range), with
     * timestamps in {@code timeBase}.
     *
     * @param description the filter chain between input and output, e.g. {@code scale=1080:1920,format=yuv420p}
     * @throws UncheckedIOException when the description does not parse or the graph cannot be configured
     */
    static FilterGraph video(String name, String description, AVFrame first, AVRational timeBase) {
        AVRational aspect = first.sample_aspect_ratio();
        int aspectNum = aspect.num() > 0 && aspect.den() > 0 ? aspect.num() : 1;
        int aspectDen = aspect.num() > 0 && aspect.den() > 0 ? aspect.den() : 1;
        String arguments = String.format(Locale.ROOT,
                "video_size=%dx%d:pix_fmt=%d:time_base=%d/%d:pixel_aspect=%d/%d:colorspace=%d:range=%d",
                first.width(), first.height(), first.format(), timeBase.num(), timeBase.den(), aspectNum,
                aspectDen, first.colorspace(), first.color_range());
        return create(name, "buffer", arguments, "buffersink", description, 0);
    }

    /**
     * A graph for audio of {@code sampleRate}, {@code sampleFormat} and {@code layout}, with timestamps in
     * {@code timeBase}.
     *
     * @param frameSize when positive, every output frame but the last has exactly this many samples (an AAC
     *     encoder needs 1024)
     * @throws UncheckedIOException when the description does not parse or the graph cannot be configured
     */
    static FilterGraph audio(String name, String description, int sampleRate, int sampleFormat,
            AVChannelLayout layout, AVRational timeBase, int frameSize) {
        String arguments = String.format(Locale.ROOT, "sample_rate=%d:sample_fmt=%s:time_base=%d/%d:%s",
                sampleRate, av_get_sample_fmt_name(sampleFormat).getString(), timeBase.num(), timeBase.den(),
                channelArgument(layout));
        return create(name, "abuffer", arguments, "abuffersink", description, frameSize);
    }

    private static String channelArgument(AVChannelLayout layout) {
        // Order 0 is AV_CHANNEL_ORDER_UNSPEC: only a count is known, which has no layout name.
        if (layout.order() == 0) {
            return "channels=" + layout.nb_channels();
        }
        try (BytePointer text = new BytePointer(128)) {
            av_channel_layout_describe(layout, text, text.capacity());
            return "channel_layout=" + text.getString();
        }
    }

    private static FilterGraph create(String name, String sourceType, String sourceArguments, String sinkType,
            String description, int frameSize) {
        AVFilterGraph graph = avfilter_graph_alloc();
        AVFilterInOut outputs = avfilter_inout_alloc();
        AVFilterInOut inputs = avfilter_inout_alloc();
        try {
            AVFilterContext source = new AVFilterContext(null);
            check(avfilter_graph_create_filter(source, avfilter_get_by_name(sourceType), "in", sourceArguments,
                    null, graph), name, "creating the input (" + sourceArguments + ")");
            AVFilterContext sink = new AVFilterContext(null);
            check(avfilter_graph_create_filter(sink, avfilter_get_by_name(sinkType), "out", null, null, graph),
                    name, "creating the output");
            // The parser connects the description's open input to our source and its open output to our sink.
            outputs.name(av_strdup(new BytePointer("in")));
            outputs.filter_ctx(source);
            outputs.pad_idx(0);
            outputs.next(null);
            inputs.name(av_strdup(new BytePointer("out")));
            inputs.filter_ctx(sink);
            inputs.pad_idx(0);
            inputs.next(null);
            check(avfilter_graph_parse_ptr(graph, description, inputs, outputs, null), name,
                    "parsing \"" + description + "\"");
            check(avfilter_graph_config(graph, null), name, "configuring \"" + description + "\"");
            if (frameSize > 0) {
                av_buffersink_set_frame_size(sink, frameSize);
            }
            return new FilterGraph(name, graph, source, sink);
        } catch (RuntimeException e) {
            avfilter_graph_free(graph);
            throw e;
        } finally {
            avfilter_inout_free(inputs);
            avfilter_inout_free(outputs);
        }
    }

    /** Adds {@code frame} to the input; the caller keeps its own reference. */
    void push(AVFrame frame) {
        check(av_buffersrc_add_frame_flags(source, frame, AV_BUFFERSRC_FLAG_KEEP_REF), name, "filtering a frame");
    }

    /** Ends the input; {@code endPts} (input time base) is where the stream ends, or AV_NOPTS_VALUE if unknown. */
    void end(long endPts) {
        if (!inputEnded) {
            inputEnded = true;
            check(av_buffersrc_close(source, endPts == AV_NOPTS_VALUE ? AV_NOPTS_VALUE : endPts, 0), name,
                    "ending the input");
        }
    }

    /**
     * Moves the next output frame into {@code into} (unreferencing what it held). Returns false when no frame is
     * ready: the graph needs more input, or, once {@link #ended()}, it has nothing more to give.
     */
    boolean pull(AVFrame into) {
        av_frame_unref(into);
        if (outputEnded) {
            return false;
        }
        int status = av_buffersink_get_frame(sink, into);
        if (status >= 0) {
            return true;
        }
        if (status == AVERROR_EOF) {
            outputEnded = true;
            return false;
        }
        if (status == FfmpegStatus.AGAIN) {
            return false;
        }
        throw failure(status, name, "filtering");
    }

    /** True once the input was ended and every output frame was pulled. */
    boolean ended() {
        return outputEnded;
    }

    /** The time base of output frames. */
    AVRational outputTimeBase() {
        return av_buffersink_get_time_base(sink);
    }

    @Override
    public void close() {
        avfilter_graph_free(graph);
    }

    private static void check(int status, String name, String action) {
        if (status < 0) {
            throw failure(status, name, action);
        }
    }

    private static UncheckedIOException failure(int status, String name, String action) {
        return new UncheckedIOException(new IOException(
                "The " + name + " filter graph failed " + action + ": " + FfmpegStatus.describe(status)));
    }
}
