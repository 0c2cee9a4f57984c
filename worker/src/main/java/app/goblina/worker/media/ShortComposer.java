package app.goblina.worker.media;

import app.goblina.worker.media.AudioTimeline.ClipSound;
import app.goblina.worker.media.CaptionOverlay.SceneCaption;
import app.goblina.worker.media.LoudnessMeter.Loudness;
import app.goblina.worker.media.VideoTimeline.ClipPictures;
import java.nio.file.Path;
import java.util.List;
import org.bytedeco.ffmpeg.avutil.AVFrame;

/**
 * The re-encoding assembly: runs the short's pictures ({@link VideoTimeline}) and sound ({@link AudioTimeline},
 * then {@link AudioMaster}) into the {@link ShortEncoder}, one video frame and its share of sound at a time, and
 * takes the thumbnail and the animated preview from the same frames on the way.
 *
 * <p>Loudness takes two passes: the first streams the mixed sound (only the sound: no picture is decoded) through
 * the {@code ebur128} meter, the second applies the gain and limiter while encoding. When the gain would push
 * peaks well into the limiter, which then takes some loudness away, the limited sound is measured once more and the
 * gain corrected, so the result still lands on the target.
 *
 * <p>Memory holds a few frames whatever the short's length. Single use, not thread-safe.
 */
final class ShortComposer {

    /**
     * One clip with everything known about it before assembly.
     *
     * @param durationSeconds its length, positive
     * @param narrationSeconds its narration's length, 0 when there is none
     */
    record ClipInput(String name, Path file, double durationSeconds, boolean hasAudio, String caption,
            Path narration, double narrationSeconds) {}

    /** Overshoot into the limiter (dB) beyond which the loudness is measured again after limiting. */
    private static final double LIMITER_REMEASURE_DB = 2.0;
    private static final int MEASURE_BLOCK = 4800;

    private final List<ClipInput> clips;
    private final AssemblySettings settings;
    private final Path music;
    private final Deadline deadline;
    private final AssemblyPlan plan;

    ShortComposer(List<ClipInput> clips, AssemblySettings settings, Deadline deadline) {
        this.clips = List.copyOf(clips);
        this.settings = settings;
        this.music = settings.music();
        this.deadline = deadline;
        this.plan = AssemblyPlan.of(clips.stream().map(ClipInput::durationSeconds).toList(), settings.fps(),
                settings.transition().seconds());
    }

    AssemblyPlan plan() {
        return plan;
    }

    /**
     * Writes the short to {@code video}, its thumbnail to {@code thumbnail} and, when {@code preview} is not null,
     * the animated preview.
     */
    void compose(Path video, Path thumbnail, Path preview) {
        LoudnessCorrection loudness = settings.normalizeLoudness() ? correctLoudness() : peakSafety();
        List<SceneCaption> captions = settings.burnCaptions()
                ? CaptionScenes.layOut(clips.stream().map(ClipInput::caption).toList(),
                        clips.stream().map(ClipInput::narrationSeconds).toList(), plan, settings.width(),
                        settings.height(), settings.captionLook(), settings.wordHighlight())
                : List.of();
        long totalSamples = plan.totalSamples();
        try (ShortEncoder encoder = ShortEncoder.open(video, settings.width(), settings.height(), settings.fps());
                VideoTimeline pictures = pictures(captions);
                AudioTimeline sound = sound();
                AudioMaster master = new AudioMaster(loudness, encoder.audioFrameSize(), false);
                PreviewWriter previewWriter = previewWriter(preview)) {
            float[] block = new float[2 * (int) (plan.sampleAt(1) + 1)];
            long thumbnailFrame = plan.thumbnailFrame();
            while (pictures.hasNext()) {
                long index = pictures.index();
                AVFrame picture = pictures.next();
                if (index == thumbnailFrame) {
                    ThumbnailWriter.write(picture, thumbnail);
                }
                if (previewWriter != null) {
                    previewWriter.add(picture, index);
                }
                encoder.writeVideo(picture);
                // The sound that plays with this frame, so the muxer never has to queue one stream for the other.
                long soundTarget = plan.sampleAt(index + 1);
                while (sound.position() < soundTarget) {
                    int count = (int) Math.min(block.length / 2, soundTarget - sound.position());
                    sound.render(block, count);
                    master.push(block, count, frame -> writeAudio(encoder, frame, totalSamples));
                }
            }
            master.finish(frame -> writeAudio(encoder, frame, totalSamples));
            if (previewWriter != null) {
                previewWriter.finish();
            }
            encoder.finish();
        }
    }

    /** Only the thumbnail and the preview, from the short's first frames: for a short joined by stream copy. */
    void writeStills(Path thumbnail, Path preview) {
        try (VideoTimeline pictures = pictures(List.of()); PreviewWriter previewWriter = previewWriter(preview)) {
            long thumbnailFrame = plan.thumbnailFrame();
            boolean thumbnailDone = false;
            while (pictures.hasNext() && (!thumbnailDone || previewWriter != null && !previewWriter.finished())) {
                long index = pictures.index();
                AVFrame picture = pictures.next();
                if (index == thumbnailFrame) {
                    ThumbnailWriter.write(picture, thumbnail);
                    thumbnailDone = true;
                }
                if (previewWriter != null) {
                    previewWriter.add(picture, index);
                }
            }
            if (previewWriter != null) {
                previewWriter.finish();
            }
        }
    }

    /** The last frame may be cut: the limiter's flush can give a few samples more than the pictures last. */
    private static void writeAudio(ShortEncoder encoder, AVFrame frame, long totalSamples) {
        long room = totalSamples - encoder.samplesWritten();
        if (room <= 0) {
            return;
        }
        if (frame.nb_samples() > room) {
            frame.nb_samples((int) room);
        }
        encoder.writeAudio(frame);
    }

    /**
     * Without normalization the level stays as it is, but narration and music added to a clip's sound can sum past
     * full scale: then only the peaks over the ceiling are limited. A clip's sound alone passes untouched.
     */
    private LoudnessCorrection peakSafety() {
        boolean mixed = music != null || clips.stream().anyMatch(clip -> clip.narration() != null);
        return mixed ? new LoudnessCorrection(0, settings.truePeakDb() - LoudnessCorrection.CODEC_HEADROOM_DB) : null;
    }

    private LoudnessCorrection correctLoudness() {
        Loudness measured = measure(null);
        LoudnessCorrection correction = LoudnessCorrection.of(measured, settings.targetLufs(), settings.truePeakDb());
        if (correction.gainDb() != 0 && correction.overshootDb(measured) > LIMITER_REMEASURE_DB) {
            Loudness limited = measure(correction);
            if (!limited.silent()) {
                correction = correction.plusGain(settings.targetLufs() - limited.integratedLufs());
            }
        }
        return correction;
    }

    /** Streams the whole mix (after {@code correction}, when given) through the loudness meter. */
    private Loudness measure(LoudnessCorrection correction) {
        try (AudioTimeline sound = sound();
                LoudnessMeter.Session meter = new LoudnessMeter.Session();
                AudioMaster master = correction == null ? null : new AudioMaster(correction, 0, true)) {
            float[] block = new float[2 * MEASURE_BLOCK];
            long total = plan.totalSamples();
            while (sound.position() < total) {
                int count = (int) Math.min(MEASURE_BLOCK, total - sound.position());
                sound.render(block, count);
                if (master == null) {
                    meter.add(block, count);
                } else {
                    master.push(block, count, meter::add);
                }
            }
            if (master != null) {
                master.finish(meter::add);
            }
            return meter.finish();
        }
    }

    private VideoTimeline pictures(List<SceneCaption> captions) {
        List<ClipPictures> files = clips.stream().map(clip -> new ClipPictures(clip.name(), clip.file())).toList();
        return new VideoTimeline(plan, files, settings.width(), settings.height(), settings.fit(),
                new CaptionOverlay(captions, settings.fps()), deadline);
    }

    private AudioTimeline sound() {
        List<ClipSound> sounds = clips.stream()
                .map(clip -> new ClipSound(clip.name(), clip.file(), clip.hasAudio(), clip.narration(),
                        clip.narrationSeconds()))
                .toList();
        return new AudioTimeline(plan, sounds, music, "music (" + (music == null ? "" : music.getFileName()) + ")",
                deadline);
    }

    private PreviewWriter previewWriter(Path preview) {
        return preview == null ? null
                : new PreviewWriter(preview, settings.width(), settings.height(), settings.fps());
    }
}
