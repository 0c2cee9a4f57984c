package app.goblina.launcher.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DemoOptionsTest {

    @Test
    void without_arguments_the_demo_makes_three_sassy_scenarios_about_baristas() {
        DemoOptions options = DemoOptions.parse();

        assertThat(options).isEqualTo(new DemoOptions("why goblins make the best baristas", "sassy", 3, null, false));
    }

    @Test
    void options_are_read_with_a_space_or_an_equals_sign() {
        DemoOptions options = DemoOptions.parse("--topic", "tax season", "--preset=deadpan", "--scenarios", "2",
                "--image=/pictures/me.png");

        assertThat(options).isEqualTo(new DemoOptions("tax season", "deadpan", 2, "/pictures/me.png", false));
    }

    @Test
    void a_bad_scenario_count_or_an_unknown_option_is_rejected_with_a_reason() {
        assertThatThrownBy(() -> DemoOptions.parse("--scenarios", "zero"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positive whole number");
        assertThatThrownBy(() -> DemoOptions.parse("--scenarios", "0"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DemoOptions.parse("--colour", "green"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--colour");
        assertThatThrownBy(() -> DemoOptions.parse("--topic"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs a value");
    }

    @Test
    void help_is_recognised_anywhere() {
        assertThat(DemoOptions.parse("--preset", "wholesome", "--help").help()).isTrue();
    }
}
