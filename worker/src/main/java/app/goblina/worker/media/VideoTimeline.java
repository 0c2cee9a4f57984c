package app.goblina.worker.media;

import java.nio.file.Path;
import java.util.List;
import org.bytedeco.ffmpeg.avutil.AVFrame;

/**
 * The short's pictures, one output frame at a time: each clip normalized in its slot of the {@link AssemblyPlan},
 * two clips blended during a crossfade, captions burned on top.
 *
 * <p>A clip is opened on its first frame and closed after its last, so at most two decoders exist at once (during
 * a crossfade) whatever the number of clips. Not thread-safe. {@link #close()} frees whatever is still open.
 */
final class VideoTimeline implements AutoCloseable {

    /** One clip's pictures: where to read them and how errors name them. */
    record ClipPictures(String name, Path file) {}

    private final AssemblyPlan plan;
    private final List<ClipPictures> clips;
    private final int width;
    private final int height;
    private final Fit fit;
    private final CaptionOverlay captions;
    private final Deadline deadline;
    private final VideoClipSource[] sources;
    private FrameBlender blender;
    private long index;

    VideoTimeline(AssemblyPlan plan, List<ClipPictures> clips, int width, int height, Fit fit,
            CaptionOverlay captions, Deadline deadline) {
        this.plan = plan;
        this.clips = List.copyOf(clips);
        this.width = width;
        this.height = height;
        this.fit = fit;
        this.captions = captions;
        this.deadline = deadline;
        this.sources = new VideoClipSource[clips.size()];
    }

    /** Index of the frame {@link #next()} gives next. */
    long index() {
        return index;
    }

    boolean hasNext() {
        return index < plan.totalFrames();
    }

    /**
     * Output frame {@link #index()}. It belongs to the timeline and stays valid until the next call.
     *
     * @throws app.goblina.failures.PermanentFailure when a clip cannot be read
     * @throws app.goblina.failures.TransientFailure when the wall-clock limit has passed
     */
    AVFrame next() {
        deadline.check();
        int first = -1;
        int second = -1;
        for (int i = 0; i < sources.length; i++) {
            if (index >= plan.end(i)) {
                closeSource(i);
            } else if (index >= plan.start(i)) {
                if (first < 0) {
                    first = i;
                } else {
                    second = i;
                    break;
                }
            } else {
                break;
            }
        }
        AVFrame picture;
        if (second < 0) {
            picture = source(first).next();
        } else {
            AVFrame outgoing = source(first).next();
            AVFrame incoming = source(second).next();
            // Frame j of an n-frame fade is (j + 1) / (n + 1) of the way: neither clip is ever shown alone in it.
            double progress = (double) (index - plan.start(second) + 1) / (plan.fade(first) + 1);
            picture = blender().blend(outgoing, incoming, progress);
        }
        picture = captions.apply(picture, index);
        index++;
        return picture;
    }

    private VideoClipSource source(int clip) {
        if (sources[clip] == null) {
            ClipPictures pictures = clips.get(clip);
            sources[clip] = VideoClipSource.open(pictures.file(), pictures.name(), plan.frames(clip), width, height,
                    plan.fps(), fit);
        }
        return sources[clip];
    }

    private FrameBlender blender() {
        if (blender == null) {
            blender = new FrameBlender(width, height);
        }
        return blender;
    }

    private void closeSource(int clip) {
        if (sources[clip] != null) {
            sources[clip].close();
            sources[clip] = null;
        }
    }

    @Override
    public void close() {
        for (int i = 0; i < sources.length; i++) {
            closeSource(i);
        }
        if (blender != null) {
            blender.close();
        }
        captions.close();
    }
}
