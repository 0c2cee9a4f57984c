package app.goblina.launcher.processes;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class CrashLoopGuardTest {

    private static final Instant T0 = Instant.parse("2026-01-01T12:00:00Z");

    @Test
    void up_to_the_maximum_of_restarts_within_the_window_are_allowed_and_the_next_one_is_not() {
        CrashLoopGuard guard = new CrashLoopGuard(3, Duration.ofMinutes(5));

        assertThat(guard.allowRestart(T0)).isTrue();
        assertThat(guard.allowRestart(T0.plusSeconds(10))).isTrue();
        assertThat(guard.allowRestart(T0.plusSeconds(20))).isTrue();
        assertThat(guard.allowRestart(T0.plusSeconds(30))).isFalse();
        assertThat(guard.recentRestarts()).isEqualTo(3);
    }

    @Test
    void restarts_older_than_the_window_no_longer_count() {
        CrashLoopGuard guard = new CrashLoopGuard(2, Duration.ofMinutes(5));
        guard.allowRestart(T0);
        guard.allowRestart(T0.plusSeconds(60));

        assertThat(guard.allowRestart(T0.plus(Duration.ofMinutes(5)))).as("the first one has just left the window").isTrue();
        assertThat(guard.recentRestarts()).isEqualTo(2);
        assertThat(guard.allowRestart(T0.plus(Duration.ofMinutes(5)).plusSeconds(1))).isFalse();
    }

    @Test
    void with_no_restarts_allowed_the_first_death_gives_up() {
        assertThat(new CrashLoopGuard(0, Duration.ofMinutes(5)).allowRestart(T0)).isFalse();
    }
}
