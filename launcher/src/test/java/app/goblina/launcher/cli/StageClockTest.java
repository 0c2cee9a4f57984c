package app.goblina.launcher.cli;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class StageClockTest {

    private final AtomicLong now = new AtomicLong();
    private final StageClock clock = new StageClock(now::get);

    @Test
    void each_stage_lasts_from_when_it_was_first_seen_until_the_next_one() {
        clock.enter("analysis");
        advance(2_000);
        clock.enter("analysis");
        advance(1_000);
        clock.enter("scenarios");
        advance(500);
        clock.enter("clips");
        advance(4_000);
        clock.stop();

        assertThat(clock.durations()).containsExactly(
                java.util.Map.entry("analysis", Duration.ofMillis(3_000)),
                java.util.Map.entry("scenarios", Duration.ofMillis(500)),
                java.util.Map.entry("clips", Duration.ofMillis(4_000)));
    }

    @Test
    void a_stage_seen_again_later_adds_up() {
        clock.enter("clips");
        advance(1_000);
        clock.enter("assembly");
        advance(1_000);
        clock.enter("clips");
        advance(2_000);
        clock.stop();

        assertThat(clock.durations().get("clips")).isEqualTo(Duration.ofMillis(3_000));
    }

    private void advance(long millis) {
        now.addAndGet(Duration.ofMillis(millis).toNanos());
    }
}
