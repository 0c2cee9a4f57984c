package app.goblina.worker.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import app.goblina.worker.media.MusicDucking.Span;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MusicDuckingTest {

    /** 0.15 s and 0.35 s at 48 kHz. */
    private static final long ATTACK = 7_200;
    private static final long RELEASE = 16_800;

    @Test
    void without_narration_the_music_plays_at_full_level_throughout() {
        MusicDucking ducking = new MusicDucking(List.of());

        assertThat(ducking.gain(0)).isEqualTo(1);
        assertThat(ducking.gain(10_000_000)).isEqualTo(1);
    }

    @Test
    void under_narration_the_music_is_12_db_down() {
        MusicDucking ducking = new MusicDucking(List.of(new Span(48_000, 96_000)));

        assertThat(20 * Math.log10(ducking.gain(48_000))).isCloseTo(-12, within(1e-9));
        assertThat(ducking.gain(72_000)).isEqualTo(ducking.gain(48_000));
        assertThat(ducking.gain(95_999)).isEqualTo(ducking.gain(48_000));
    }

    @Test
    void the_music_dips_linearly_over_the_attack_before_a_narration_starts() {
        MusicDucking ducking = new MusicDucking(List.of(new Span(48_000, 96_000)));

        assertThat(ducking.amount(48_000 - ATTACK - 1)).isZero();
        assertThat(ducking.amount(48_000 - ATTACK)).isZero();
        assertThat(ducking.amount(48_000 - ATTACK / 2)).isEqualTo(0.5);
        assertThat(ducking.amount(48_000 - 1)).isEqualTo(1 - 1.0 / ATTACK);
        assertThat(ducking.gain(48_000 - ATTACK / 2)).isCloseTo((1 + Math.pow(10, -12 / 20.0)) / 2, within(1e-12));
    }

    @Test
    void the_music_comes_back_over_the_longer_release_after_a_narration_ends() {
        MusicDucking ducking = new MusicDucking(List.of(new Span(48_000, 96_000)));

        assertThat(ducking.amount(96_000)).isEqualTo(1);
        assertThat(ducking.amount(96_000 + RELEASE / 2)).isEqualTo(0.5);
        assertThat(ducking.amount(96_000 + RELEASE)).isZero();
        assertThat(ducking.amount(96_000 + 3_600)).isGreaterThan(ducking.amount(48_000 - 3_600));
    }

    @Test
    void between_close_narrations_the_deeper_of_release_and_attack_applies() {
        MusicDucking ducking = new MusicDucking(List.of(new Span(0, 48_000), new Span(58_000, 96_000)));

        assertThat(ducking.amount(53_000)).isEqualTo(1 - 5_000.0 / RELEASE);
        assertThat(ducking.amount(57_000)).isEqualTo(1 - 1_000.0 / ATTACK);
        // The ramps cross at 55 000: the music never gets above that in the gap.
        for (long t = 48_000; t < 58_000; t++) {
            assertThat(ducking.amount(t)).isGreaterThanOrEqualTo(1 - 7_000.0 / RELEASE);
        }
        assertThat(ducking.amount(55_000)).isEqualTo(1 - 7_000.0 / RELEASE);
    }

    @Test
    void late_in_a_long_short_only_the_nearby_narrations_count() {
        List<Span> everySecond = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            everySecond.add(new Span(i * 48_000L, i * 48_000L + 24_000));
        }
        MusicDucking ducking = new MusicDucking(everySecond);

        assertThat(ducking.amount(73 * 48_000L + 24_000 + RELEASE / 2)).isEqualTo(0.5);
        assertThat(ducking.amount(50 * 48_000L - ATTACK / 2)).isEqualTo(0.5);
        assertThat(ducking.amount(99 * 48_000L + 10)).isEqualTo(1);
        assertThat(ducking.amount(99 * 48_000L + 24_000 + RELEASE)).isZero();
    }

    @Test
    void a_narration_that_outlasts_a_later_one_keeps_the_music_down_until_it_ends() {
        MusicDucking ducking = new MusicDucking(List.of(new Span(0, 480_000), new Span(100_000, 120_000)));

        assertThat(ducking.amount(200_000)).isEqualTo(1);
        assertThat(ducking.amount(480_000 + RELEASE / 2)).isEqualTo(0.5);
    }
}
