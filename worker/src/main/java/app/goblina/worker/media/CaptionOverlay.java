package app.goblina.worker.media;

import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.bytedeco.ffmpeg.avutil.AVFrame;

/**
 * Burns each scene's caption into the output frames of its window, on the short's own timeline: frames are
 * timestamped with their output time, so a word highlight's {@code between(t, ...)} windows are in seconds of the
 * short.
 *
 * <p>Only the current scene's drawbox and drawtext filters exist at any time: a graph is built when a scene's
 * caption starts and freed when it ends, so a long short does not carry hundreds of idle filters. Not thread-safe.
 */
final class CaptionOverlay implements AutoCloseable {

    /**
     * A caption and the output frames it is on.
     *
     * @param graph the filter chain that draws it ({@link FilterGraphs#drawCaption}); null for none
     */
    record SceneCaption(long startFrame, long endFrame, String graph) {}

    private final List<SceneCaption> scenes;
    private final int fps;
    private final AVFrame captioned = av_frame_alloc();
    private int scene;
    private FilterGraph graph;
    private int graphScene = -1;

    CaptionOverlay(List<SceneCaption> scenes, int fps) {
        this.scenes = List.copyOf(scenes);
        this.fps = fps;
    }

    /**
     * {@code frame} with the caption of output frame {@code index} drawn on it, or {@code frame} itself when that
     * frame has no caption. Indexes must increase. A returned copy belongs to the overlay until the next call.
     */
    AVFrame apply(AVFrame frame, long index) {
        while (scene < scenes.size() && index >= scenes.get(scene).endFrame()) {
            scene++;
        }
        if (scene >= scenes.size() || index < scenes.get(scene).startFrame() || scenes.get(scene).graph() == null) {
            return frame;
        }
        if (graphScene != scene) {
            closeGraph();
            graph = FilterGraph.video("caption " + (scene + 1), scenes.get(scene).graph(), frame, av_make_q(1, fps));
            graphScene = scene;
        }
        frame.pts(index);
        graph.push(frame);
        if (!graph.pull(captioned)) {
            throw new UncheckedIOException(new IOException("The caption filter returned no picture"));
        }
        return captioned;
    }

    private void closeGraph() {
        if (graph != null) {
            graph.close();
            graph = null;
        }
    }

    @Override
    public void close() {
        closeGraph();
        av_frame_free(captioned);
    }
}
