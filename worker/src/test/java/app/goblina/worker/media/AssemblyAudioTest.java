package app.goblina.worker.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import app.goblina.worker.media.LoudnessMeter.Loudness;
import app.goblina.worker.media.MediaProbe.MediaInfo;
import app.goblina.worker.media.ShortAssembler.AssemblyClip;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Narration, music, loudness and silence, measured in the assembled files. Small frames keep it quick. */
class AssemblyAudioTest {

    private static final int WIDTH = 180;
    private static final int HEIGHT = 320;
    private static final int FPS = 30;
    private static final double NARRATION_HZ = 1000;
    private static final double MUSIC_HZ = 220;

    @TempDir
    static Path dir;

    private static Path flat;
    private static Path work;
    private static final ShortAssembler assembler = new ShortAssembler();
    private static final LoudnessMeter meter = new LoudnessMeter();

    @BeforeAll
    static void makeInputs() throws IOException {
        flat = TestMedia.flatClip(dir.resolve("flat.mp4"), WIDTH, HEIGHT, FPS, 1.2, new Color(60, 60, 60));
        work = dir.resolve("work");
    }

    private static AssemblySettings.Builder settings() {
        return AssemblySettings.builder(work).size(WIDTH, HEIGHT).fps(FPS).burnCaptions(false);
    }

    @AfterEach
    void nothing_is_left_in_the_work_directory() throws IOException {
        assertThat(Files.exists(work) ? TestMedia.listing(work) : List.of()).isEmpty();
    }

    @Test
    void a_narration_plays_from_the_start_of_its_own_clip_and_nowhere_else() throws IOException {
        Path narration = TestMedia.tone(dir.resolve("narration.wav"), 0.6, NARRATION_HZ, 0.3, 44_100, 1, 0);
        List<AssemblyClip> clips = List.of(new AssemblyClip(flat, null), new AssemblyClip(flat, null, narration),
                new AssemblyClip(flat, null));
        Path target = dir.resolve("narrated.mp4");

        assembler.assemble(clips, settings().build(), target, dir.resolve("narrated.jpg"));

        AssemblyPlan plan = AssemblyPlan.of(List.of(1.2, 1.2, 1.2), FPS, 0.3);
        double start = (double) plan.start(1) / FPS;
        double during = TestMedia.toneLevel(target, start + 0.05, start + 0.55, NARRATION_HZ);
        double before = TestMedia.toneLevel(target, 0, start - 0.05, NARRATION_HZ);
        double after = TestMedia.toneLevel(target, start + 0.7, plan.durationSeconds(), NARRATION_HZ);
        assertThat(during).isGreaterThan(0.1);
        assertThat(before).isLessThan(during / 100);
        assertThat(after).isLessThan(during / 100);
    }

    @Test
    void music_loops_under_the_whole_short_and_is_ducked_while_narration_plays() throws IOException {
        // Music shorter than the short (so it loops) and narration in another format on the middle clip.
        Path music = TestMedia.tone(dir.resolve("music.m4a"), 1.0, MUSIC_HZ, 0.2, 48_000, 2, 0);
        Path narration = TestMedia.tone(dir.resolve("narration.opus"), 0.8, NARRATION_HZ, 0.3, 48_000, 1, 0);
        List<AssemblyClip> clips = List.of(new AssemblyClip(flat, null), new AssemblyClip(flat, null, narration),
                new AssemblyClip(flat, null));
        Path target = dir.resolve("music.mp4");

        assembler.assemble(clips, settings().music(music).normalizeLoudness(false).build(), target,
                dir.resolve("music.jpg"));

        AssemblyPlan plan = AssemblyPlan.of(List.of(1.2, 1.2, 1.2), FPS, 0.3);
        double narrationStart = (double) plan.start(1) / FPS;
        double alone = TestMedia.toneLevel(target, 0.2, narrationStart - 0.3, MUSIC_HZ);
        double underNarration = TestMedia.toneLevel(target, narrationStart + 0.2, narrationStart + 0.7, MUSIC_HZ);
        double afterwards = TestMedia.toneLevel(target, plan.durationSeconds() - 0.6, plan.durationSeconds() - 0.1,
                MUSIC_HZ);
        double ducking = 20 * Math.log10(underNarration / alone);
        assertThat(alone).isCloseTo(0.2, within(0.03));
        assertThat(ducking).isCloseTo(MusicDucking.DUCK_DB, within(1.5));
        assertThat(afterwards).as("music after its first loop, back at full level").isCloseTo(alone, within(0.03));
        assertThat(TestMedia.toneLevel(target, narrationStart + 0.2, narrationStart + 0.7, NARRATION_HZ))
                .isGreaterThan(0.2);
    }

    @Test
    void quiet_sound_with_sharp_peaks_is_raised_to_minus_14_lufs_without_peaks_over_minus_1_dbtp() throws IOException {
        // A tone at about -43 LUFS with full-scale clicks: the gain alone would push the clicks far over 0 dBFS.
        Path quiet = TestMedia.clip(dir.resolve("quiet.mp4"), WIDTH, HEIGHT, FPS, 1.5, 500, 48_000, 2, 0.01, false);
        Path clicks = TestMedia.tone(dir.resolve("clicks.wav"), 1.4, 700, 0.005, 48_000, 1, 0.5);
        Path target = dir.resolve("quiet-out.mp4");

        assembler.assemble(List.of(new AssemblyClip(quiet, null, clicks), new AssemblyClip(quiet, null)),
                settings().build(), target, dir.resolve("quiet-out.jpg"));

        Loudness loudness = meter.measure(target);
        assertThat(loudness.integratedLufs()).isCloseTo(-14, within(1.0));
        assertThat(loudness.truePeakDbtp()).isLessThanOrEqualTo(-1.0);
    }

    @Test
    void loud_sound_is_brought_down_to_minus_14_lufs_with_peaks_under_minus_1_dbtp() throws IOException {
        Path loud = TestMedia.clip(dir.resolve("loud.mp4"), WIDTH, HEIGHT, FPS, 1.5, 300, 44_100, 2, 0.99, false);
        Path target = dir.resolve("loud-out.mp4");

        assembler.assemble(List.of(new AssemblyClip(loud, null), new AssemblyClip(loud, null)), settings().build(),
                target, dir.resolve("loud-out.jpg"));

        assertThat(meter.measure(loud).integratedLufs()).as("the input").isGreaterThan(-5);
        Loudness loudness = meter.measure(target);
        assertThat(loudness.integratedLufs()).isCloseTo(-14, within(1.0));
        assertThat(loudness.truePeakDbtp()).isLessThanOrEqualTo(-1.0);
    }

    @Test
    void without_normalization_the_level_is_kept_but_narration_over_loud_sound_cannot_clip() throws IOException {
        Path loud = TestMedia.clip(dir.resolve("loud-bed.mp4"), WIDTH, HEIGHT, FPS, 1.5, 300, 48_000, 2, 0.7, false);
        Path narration = TestMedia.tone(dir.resolve("loud-voice.wav"), 1.0, NARRATION_HZ, 0.7, 48_000, 1, 0);
        Path alone = dir.resolve("level-kept.mp4");
        Path mixed = dir.resolve("level-limited.mp4");

        assembler.assemble(List.of(new AssemblyClip(loud, null)), settings().normalizeLoudness(false).build(), alone,
                dir.resolve("level-kept.jpg"));
        assembler.assemble(List.of(new AssemblyClip(loud, null, narration)),
                settings().normalizeLoudness(false).build(), mixed, dir.resolve("level-limited.jpg"));

        assertThat(meter.measure(alone).integratedLufs()).isCloseTo(meter.measure(loud).integratedLufs(),
                within(0.5));
        assertThat(TestMedia.peakSample(mixed)).isLessThan(0.9);
        assertThat(meter.measure(mixed).truePeakDbtp()).isLessThanOrEqualTo(-1.0);
    }

    @Test
    void a_short_of_silent_clips_has_a_silent_stereo_track_that_is_not_amplified_into_noise() throws IOException {
        Path target = dir.resolve("silent.mp4");

        assembler.assemble(List.of(new AssemblyClip(flat, null), new AssemblyClip(flat, null)), settings().build(),
                target, dir.resolve("silent.jpg"));

        MediaInfo info = new MediaProbe().probe(target);
        assertThat(info.audioCodec()).isEqualTo("aac");
        assertThat(info.audioChannels()).isEqualTo(2);
        assertThat(info.audioSampleRate()).isEqualTo(48_000);
        assertThat(info.durationSeconds()).isCloseTo(2.1, within(0.05));
        assertThat(TestMedia.peakSample(target)).isZero();
        Loudness loudness = meter.measure(target);
        assertThat(loudness.silent()).isTrue();
        assertThat(loudness.truePeakDbtp()).isEqualTo(Double.NEGATIVE_INFINITY);
    }
}
