package app.goblina.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ClipAndCharacterStatusTest {

    @Test
    void aClipRecordsItsIntentBeforeItRuns() {
        assertThat(ClipStatus.PENDING.canMoveTo(ClipStatus.RUNNING)).as("no paid call without a recorded intent").isFalse();
        assertThat(ClipStatus.PENDING.moveTo(ClipStatus.SUBMITTING).moveTo(ClipStatus.RUNNING).moveTo(ClipStatus.READY))
                .isEqualTo(ClipStatus.READY);
    }

    @Test
    void aReadyClipCannotFailLater() {
        assertThatThrownBy(() -> ClipStatus.READY.moveTo(ClipStatus.FAILED)).isInstanceOf(IllegalTransitionException.class);
    }

    @Test
    void aCharacterIsAnalysedOnce() {
        assertThat(CharacterStatus.ANALYZING.moveTo(CharacterStatus.READY)).isEqualTo(CharacterStatus.READY);
        assertThatThrownBy(() -> CharacterStatus.READY.moveTo(CharacterStatus.FAILED)).isInstanceOf(IllegalTransitionException.class);
        assertThatThrownBy(() -> CharacterStatus.FAILED.moveTo(CharacterStatus.READY)).isInstanceOf(IllegalTransitionException.class);
    }
}
