package app.goblina.launcher.cli;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class ProgressBarTest {

    @Test
    void the_bar_fills_in_proportion_to_the_percentage() {
        assertThat(ProgressBar.render(0, "queued")).isEqualTo("[--------------------]   0% queued");
        assertThat(ProgressBar.render(42, "generating")).isEqualTo("[########------------]  42% generating");
        assertThat(ProgressBar.render(100, "done")).isEqualTo("[####################] 100% done");
    }

    @Test
    void out_of_range_percentages_are_clamped() {
        assertThat(ProgressBar.render(-5, "")).isEqualTo("[--------------------]   0%");
        assertThat(ProgressBar.render(180, "")).startsWith("[####################] 100%");
    }

    @Test
    void at_a_terminal_the_line_is_redrawn_and_a_shorter_text_wipes_the_longer_one() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ProgressLine line = new ProgressLine(new PrintStream(bytes, true, StandardCharsets.UTF_8), true);

        line.show("abcdef");
        line.show("abcdef");
        line.show("xy");
        line.finish();

        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo("\rabcdef\rxy    " + System.lineSeparator());
    }

    @Test
    void in_a_log_each_change_is_its_own_line() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ProgressLine line = new ProgressLine(new PrintStream(bytes, true, StandardCharsets.UTF_8), false);

        line.show("one");
        line.show("one");
        line.show("two");
        line.finish();

        assertThat(bytes.toString(StandardCharsets.UTF_8).lines()).containsExactly("one", "two");
    }
}
