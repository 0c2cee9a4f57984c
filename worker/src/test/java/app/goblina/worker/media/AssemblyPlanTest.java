package app.goblina.worker.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class AssemblyPlanTest {

    @Test
    void a_crossfade_overlaps_neighbouring_clips_so_the_short_loses_one_fade_per_join() {
        AssemblyPlan plan = AssemblyPlan.of(List.of(1.0, 1.2, 0.8), 30, 0.3);

        assertThat(plan.frames(0)).isEqualTo(30);
        assertThat(plan.frames(1)).isEqualTo(36);
        assertThat(plan.frames(2)).isEqualTo(24);
        assertThat(plan.fade(0)).isEqualTo(9);
        assertThat(plan.fade(1)).isEqualTo(9);
        assertThat(plan.start(1)).isEqualTo(21);
        assertThat(plan.start(2)).isEqualTo(48);
        assertThat(plan.totalFrames()).isEqualTo(30 + 36 + 24 - 2 * 9);
        assertThat(plan.durationSeconds()).isEqualTo(3.0 - 2 * 0.3);
    }

    @Test
    void cuts_keep_every_frame_of_every_clip() {
        AssemblyPlan plan = AssemblyPlan.of(List.of(1.0, 1.2, 0.8), 30, 0);

        assertThat(plan.totalFrames()).isEqualTo(90);
        assertThat(plan.start(1)).isEqualTo(30);
        assertThat(plan.fade(0)).isZero();
        assertThat(plan.captionStart(1)).isEqualTo(30);
    }

    @Test
    void the_caption_switches_in_the_middle_of_the_fade_so_two_captions_never_show_together() {
        AssemblyPlan plan = AssemblyPlan.of(List.of(1.0, 1.2, 0.8), 30, 0.3);

        assertThat(plan.captionStart(0)).isZero();
        assertThat(plan.captionEnd(0)).isEqualTo(plan.start(1) + 4).isEqualTo(plan.captionStart(1));
        assertThat(plan.captionEnd(1)).isEqualTo(plan.start(2) + 4).isEqualTo(plan.captionStart(2));
        assertThat(plan.captionEnd(2)).isEqualTo(plan.totalFrames());
    }

    @Test
    void a_fade_never_takes_more_than_half_of_a_short_clip() {
        AssemblyPlan plan = AssemblyPlan.of(List.of(1.0, 0.2, 1.0), 30, 0.5);

        assertThat(plan.frames(1)).isEqualTo(6);
        assertThat(plan.fade(0)).isEqualTo(3);
        assertThat(plan.fade(1)).isEqualTo(3);
        assertThat(plan.end(0)).isLessThanOrEqualTo(plan.start(2));
    }

    @Test
    void rounding_follows_the_running_total_so_it_never_drifts() {
        AssemblyPlan plan = AssemblyPlan.of(List.of(0.35, 0.35, 0.35, 0.35, 0.35, 0.35), 30, 0);

        assertThat(plan.totalFrames()).isEqualTo(Math.round(6 * 0.35 * 30));
    }

    @Test
    void sound_and_pictures_share_clip_boundaries_and_narration_stops_where_the_next_clip_starts() {
        AssemblyPlan plan = AssemblyPlan.of(List.of(1.0, 1.0), 30, 0.3);

        assertThat(plan.sampleAt(plan.start(1))).isEqualTo(21 * 1600);
        assertThat(plan.narrationEndSample(0)).isEqualTo(plan.sampleAt(plan.start(1)));
        assertThat(plan.narrationEndSample(1)).isEqualTo(plan.totalSamples()).isEqualTo(51 * 1600);
        assertThat(plan.thumbnailFrame()).isEqualTo(15);
    }
}
