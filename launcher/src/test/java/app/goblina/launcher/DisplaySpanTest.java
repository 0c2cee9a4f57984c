package app.goblina.launcher;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class DisplaySpanTest {

    @Test
    void a_span_is_said_in_the_unit_people_would_use() {
        assertThat(Display.span(Duration.ofMillis(250))).isEqualTo("250 ms");
        assertThat(Display.span(Duration.ofSeconds(1))).isEqualTo("1 s");
        assertThat(Display.span(Duration.ofMillis(25_900))).isEqualTo("25.9 s");
        assertThat(Display.span(Duration.ofSeconds(90))).isEqualTo("90 s");
        assertThat(Display.span(Duration.ofMinutes(1))).isEqualTo("1 min");
        assertThat(Display.span(Duration.ofMinutes(5))).isEqualTo("5 min");
        assertThat(Display.span(Duration.ofSeconds(150))).isEqualTo("2.5 min");
    }
}
