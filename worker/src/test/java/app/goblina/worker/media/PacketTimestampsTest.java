package app.goblina.worker.media;

import static app.goblina.worker.media.PacketTimestamps.MICROSECONDS;
import static app.goblina.worker.media.PacketTimestamps.NONE;
import static org.assertj.core.api.Assertions.assertThat;

import app.goblina.worker.media.PacketTimestamps.PacketTimes;
import app.goblina.worker.media.PacketTimestamps.TimeBase;
import org.junit.jupiter.api.Test;

class PacketTimestampsTest {

    /** What MP4 files from libx264 at 30 fps use: one frame is 512 ticks. */
    private static final TimeBase MP4_VIDEO = new TimeBase(1, 15_360);
    private static final TimeBase MPEG_TS = new TimeBase(1, 90_000);
    private static final TimeBase AUDIO_48K = new TimeBase(1, 48_000);
    private static final TimeBase FPS_30 = new TimeBase(1, 30);

    @Test
    void rescaling_rounds_to_the_nearest_tick_rather_than_truncating() {
        assertThat(PacketTimestamps.rescale(1, FPS_30, MICROSECONDS)).isEqualTo(33_333);
        assertThat(PacketTimestamps.rescale(2, FPS_30, MICROSECONDS)).isEqualTo(66_667);
        assertThat(PacketTimestamps.toMicros(1024, AUDIO_48K)).isEqualTo(21_333);
    }

    @Test
    void halves_round_away_from_zero_on_both_sides_of_zero() {
        TimeBase halfSecond = new TimeBase(1, 2);
        TimeBase second = new TimeBase(1, 1);

        assertThat(PacketTimestamps.rescale(1, halfSecond, second)).isEqualTo(1);
        assertThat(PacketTimestamps.rescale(3, halfSecond, second)).isEqualTo(2);
        assertThat(PacketTimestamps.rescale(-1, halfSecond, second)).isEqualTo(-1);
        assertThat(PacketTimestamps.rescale(-3, halfSecond, second)).isEqualTo(-2);
        assertThat(PacketTimestamps.rescale(-2, FPS_30, MICROSECONDS)).isEqualTo(-66_667);
    }

    @Test
    void rescaling_between_unrelated_time_bases_keeps_exact_results_exact() {
        assertThat(PacketTimestamps.rescale(3000, MPEG_TS, MP4_VIDEO)).isEqualTo(512);
        assertThat(PacketTimestamps.rescale(1, new TimeBase(1001, 30_000), MPEG_TS)).isEqualTo(3003);
        assertThat(PacketTimestamps.rescale(512, MP4_VIDEO, FPS_30)).isEqualTo(1);
    }

    @Test
    void a_product_too_large_for_a_long_still_gives_the_exact_result_when_that_fits() {
        // 10^15 us * 90 000 overflows 64 bits on the way; the result, 9 * 10^13 ticks, does not.
        assertThat(PacketTimestamps.rescale(1_000_000_000_000_000L, MICROSECONDS, MPEG_TS))
                .isEqualTo(90_000_000_000_000L);
    }

    @Test
    void a_result_that_does_not_fit_or_a_time_base_that_is_not_positive_gives_no_timestamp_like_ffmpeg() {
        assertThat(PacketTimestamps.rescale(10_000_000_000_000L, new TimeBase(1, 1), MICROSECONDS)).isEqualTo(NONE);
        assertThat(PacketTimestamps.rescale(5, new TimeBase(1, 0), MICROSECONDS)).isEqualTo(NONE);
    }

    @Test
    void a_packet_without_a_presentation_time_is_presented_at_its_decoding_time() {
        assertThat(PacketTimestamps.presentation(NONE, 1024)).isEqualTo(1024);
        assertThat(PacketTimestamps.presentation(2048, 1024)).isEqualTo(2048);
    }

    @Test
    void a_b_frame_packet_keeps_its_decoding_time_before_its_presentation_time_when_shifted() {
        // The first picture of a clip with two frames of reordering: decoded two frames before it is shown.
        PacketTimes first = new PacketTimes(0, -1024, 512);

        PacketTimes shifted = PacketTimestamps.shift(first, MP4_VIDEO, MP4_VIDEO, 4_000_000);

        assertThat(shifted).isEqualTo(new PacketTimes(61_440, 60_416, 512));
    }

    @Test
    void a_shift_into_another_time_base_rescales_each_timestamp_and_the_duration() {
        PacketTimes packet = new PacketTimes(6006, 3003, 3003);

        PacketTimes shifted = PacketTimestamps.shift(packet, MPEG_TS, MP4_VIDEO, 1_000_000);

        // 6006 -> 1025.02, 3003 -> 512.51: each rounded on its own, then 1 s = 15 360 ticks added.
        assertThat(shifted).isEqualTo(new PacketTimes(1025 + 15_360, 513 + 15_360, 513));
    }

    @Test
    void the_shift_is_rounded_once_in_the_target_time_base_so_all_packets_move_alike() {
        PacketTimes a = PacketTimestamps.shift(new PacketTimes(0, 0, 512), MP4_VIDEO, MP4_VIDEO, 33_333);
        PacketTimes b = PacketTimestamps.shift(new PacketTimes(512, 512, 512), MP4_VIDEO, MP4_VIDEO, 33_333);
        PacketTimes back = PacketTimestamps.shift(new PacketTimes(512, 512, 512), MP4_VIDEO, MP4_VIDEO, -33_333);

        // 33 333 us is 511.99 ticks: 512, and -512 backwards.
        assertThat(a.pts()).isEqualTo(512);
        assertThat(b.pts() - a.pts()).isEqualTo(512);
        assertThat(back.pts()).isZero();
    }

    @Test
    void a_shifted_packet_without_a_presentation_time_gets_its_shifted_decoding_time() {
        PacketTimes shifted = PacketTimestamps.shift(new PacketTimes(NONE, 3000, 3000), MPEG_TS, MP4_VIDEO, 1_000_000);

        assertThat(shifted.pts()).isEqualTo(shifted.dts()).isEqualTo(512 + 15_360);
    }

    @Test
    void an_unknown_duration_is_left_as_it_is() {
        assertThat(PacketTimestamps.shift(new PacketTimes(0, 0, 0), MPEG_TS, MP4_VIDEO, 0).duration()).isZero();
        assertThat(PacketTimestamps.shift(new PacketTimes(0, 0, -1), MPEG_TS, MP4_VIDEO, 0).duration()).isEqualTo(-1);
    }

    @Test
    void sound_that_ran_past_the_previous_clip_delays_the_next_clips_sound_by_the_overrun() {
        assertThat(PacketTimestamps.soundDelay(4_010_000, 4_000_000, 0)).isEqualTo(10_000);
        assertThat(PacketTimestamps.soundDelay(4_010_000, 4_000_000, 4_000)).isEqualTo(6_000);
    }

    @Test
    void a_gap_before_a_clips_sound_is_kept_not_closed() {
        assertThat(PacketTimestamps.soundDelay(3_900_000, 4_000_000, 0)).isZero();
        assertThat(PacketTimestamps.soundDelay(4_000_000, 4_000_000, 21_333)).isZero();
    }

    @Test
    void encoder_priming_is_dropped_in_every_clip_but_the_first() {
        assertThat(PacketTimestamps.isPrimingToDrop(-21_333, 0)).isFalse();
        assertThat(PacketTimestamps.isPrimingToDrop(-21_333, 4_000_000)).isTrue();
        assertThat(PacketTimestamps.isPrimingToDrop(0, 4_000_000)).isFalse();
    }

    @Test
    void sound_starting_at_or_after_the_end_of_the_pictures_is_dropped() {
        assertThat(PacketTimestamps.isPastPictures(3_989_999, 10_000, 4_000_000)).isFalse();
        assertThat(PacketTimestamps.isPastPictures(3_990_000, 10_000, 4_000_000)).isTrue();
        assertThat(PacketTimestamps.isPastPictures(3_990_000, 0, 4_000_000)).isFalse();
    }

    @Test
    void the_next_clip_starts_where_the_last_picture_of_this_one_ends() {
        assertThat(PacketTimestamps.nextClipStart(4_000_000, 4_000_000)).isEqualTo(8_000_000);
        // Pictures missing at the end (the last one at 3.9 s): the next clip follows the last one shown.
        assertThat(PacketTimestamps.nextClipStart(4_000_000, 3_933_333)).isEqualTo(7_933_333);
    }

    @Test
    void a_clip_whose_pictures_end_at_its_start_still_moves_the_next_one_on() {
        assertThat(PacketTimestamps.nextClipStart(8_000_000, 0)).isEqualTo(8_000_001);
        assertThat(PacketTimestamps.nextClipStart(8_000_000, -5)).isEqualTo(8_000_001);
    }

    @Test
    void the_second_clips_first_b_frame_is_decoded_after_the_first_clips_last_picture() {
        // Two 4 s clips at 30 fps (120 frames of 512 ticks), each decoded two frames ahead of display.
        long lastDts = 119 * 512 - 1024;
        long lastPts = 119 * 512;
        long picturesEnd = PacketTimestamps.toMicros(lastPts, MP4_VIDEO) + PacketTimestamps.toMicros(512, MP4_VIDEO);
        long secondStart = PacketTimestamps.nextClipStart(0, picturesEnd);

        PacketTimes secondFirst = PacketTimestamps.shift(new PacketTimes(0, -1024, 512), MP4_VIDEO, MP4_VIDEO,
                secondStart);

        assertThat(picturesEnd).isEqualTo(4_000_000);
        assertThat(secondFirst.dts()).isGreaterThan(lastDts).isEqualTo(120 * 512 - 1024);
        assertThat(secondFirst.pts()).isEqualTo(lastPts + 512);
    }
}
