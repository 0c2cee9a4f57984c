package app.goblina.domain;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class StyleGuideTest {

    @Test
    void paletteColoursMustBeHex() {
        assertThatThrownBy(() -> new StyleGuide("a", "b", List.of("green"), List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("green");
        assertThatThrownBy(() -> new StyleGuide("a", "b", List.of(), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void scenarioTextIsCappedSoUntrustedWritersCannotOverflowCaptions() {
        assertThatThrownBy(() -> new ScenarioDraft("t", "a", "c".repeat(ScenarioDraft.MAX_CAPTION + 1), "p"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("caption");
    }
}
