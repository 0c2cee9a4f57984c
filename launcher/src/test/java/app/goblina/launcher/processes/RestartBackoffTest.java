package app.goblina.launcher.processes;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RestartBackoffTest {

    private final RestartBackoff backoff = RestartBackoff.DEFAULT;

    @Test
    void the_wait_starts_at_one_second_and_doubles_up_to_thirty() {
        assertThat(java.util.stream.IntStream.rangeClosed(1, 8).mapToObj(backoff::delayBefore).map(Duration::toSeconds))
                .containsExactly(1L, 2L, 4L, 8L, 16L, 30L, 30L, 30L);
    }

    @Test
    void a_very_long_row_of_restarts_still_waits_the_maximum() {
        assertThat(backoff.delayBefore(Integer.MAX_VALUE)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void a_child_that_stayed_up_a_minute_was_stable_and_one_that_died_sooner_was_not() {
        assertThat(backoff.wasStable(Duration.ofSeconds(60))).isTrue();
        assertThat(backoff.wasStable(Duration.ofMinutes(42))).isTrue();
        assertThat(backoff.wasStable(Duration.ofSeconds(59))).isFalse();
    }

    @Test
    void restarts_in_a_row_count_from_one_and_the_bounds_must_make_sense() {
        assertThatThrownBy(() -> backoff.delayBefore(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RestartBackoff(Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RestartBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
