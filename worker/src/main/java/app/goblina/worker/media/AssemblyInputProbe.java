package app.goblina.worker.media;

import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;

import app.goblina.failures.PermanentFailure;
import app.goblina.worker.media.MediaProbe.MediaInfo;
import app.goblina.worker.media.ShortAssembler.AssemblyClip;
import app.goblina.worker.media.ShortComposer.ClipInput;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Checks every input of an assembly (clips, narrations, music) before any work starts, so a bad one fails in
 * milliseconds with a reason that names it, and collects what the assembly needs to know about them.
 *
 * <p>Blocking (file I/O). Stateless and thread-safe.
 */
final class AssemblyInputProbe {

    /**
     * What the probe found, clip by clip in order.
     *
     * @param clips each clip with its length and its narration's
     * @param formats each clip's stream details for the fast path (null for a clip without video)
     */
    record ProbedClips(List<ClipInput> clips, List<StreamCopyCompatibility.ClipFormat> formats) {}

    private final MediaProbe probe;

    AssemblyInputProbe(MediaProbe probe) {
        this.probe = Objects.requireNonNull(probe, "probe");
    }

    /**
     * Probes {@code clips}, their narrations and the settings' music.
     *
     * @throws PermanentFailure when an input is missing, not a local file, unreadable, corrupt or without what it
     *     needs (a clip without pictures, a narration or music without sound); the reason names the input
     */
    ProbedClips probe(List<AssemblyClip> clips, AssemblySettings settings) {
        List<ClipInput> inputs = new ArrayList<>(clips.size());
        List<StreamCopyCompatibility.ClipFormat> formats = new ArrayList<>(clips.size());
        for (int i = 0; i < clips.size(); i++) {
            AssemblyClip clip = clips.get(i);
            String name = describe(i, clips);
            MediaProbe.Probed probed = probeInput(name, clip.file());
            MediaInfo info = probed.info();
            formats.add(probed.format());
            if (!info.hasVideo()) {
                throw new PermanentFailure("The " + name + " has no video picture");
            }
            double duration = info.durationSeconds() > 0 ? info.durationSeconds()
                    : MediaProbe.scanDuration(clip.file(), AVMEDIA_TYPE_VIDEO);
            if (!(duration > 0)) {
                duration = 1.0 / settings.fps();
            }
            double narrationSeconds = 0;
            if (clip.narration() != null) {
                String narrationName = "narration of the " + name + " (" + clip.narration().getFileName() + ")";
                narrationSeconds = soundLength(narrationName, clip.narration());
            }
            inputs.add(new ClipInput(name, clip.file(), duration, info.hasAudio(), clip.caption(), clip.narration(),
                    narrationSeconds));
        }
        if (settings.music() != null) {
            soundLength("music (" + settings.music().getFileName() + ")", settings.music());
        }
        return new ProbedClips(inputs, formats);
    }

    private double soundLength(String name, Path file) {
        MediaInfo info = probeInput(name, file).info();
        if (!info.hasAudio()) {
            throw new PermanentFailure("The " + name + " has no sound");
        }
        double seconds = info.durationSeconds() > 0 ? info.durationSeconds()
                : MediaProbe.scanDuration(file, AVMEDIA_TYPE_AUDIO);
        if (!(seconds > 0)) {
            throw new PermanentFailure("The " + name + " is empty");
        }
        return seconds;
    }

    private MediaProbe.Probed probeInput(String name, Path file) {
        try {
            return probe.probeForJoining(file);
        } catch (PermanentFailure e) {
            throw new PermanentFailure("The " + name + " is not a readable media file: " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw new PermanentFailure("The " + name + " is missing", e);
        }
    }

    private static String describe(int index, List<AssemblyClip> clips) {
        return String.format(Locale.ROOT, "clip %d of %d (%s)", index + 1, clips.size(),
                clips.get(index).file().getFileName());
    }
}
