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

    @Test
    void aRefusedCreateTakesTheClipBackToPendingButARunningOneNeverGoesBack() {
        assertThat(ClipStatus.SUBMITTING.moveTo(ClipStatus.PENDING)).isEqualTo(ClipStatus.PENDING);
        assertThatThrownBy(() -> ClipStatus.RUNNING.moveTo(ClipStatus.PENDING)).isInstanceOf(IllegalTransitionException.class);
    }

    @Test
    void aNarrationIsSpokenOnceAndItsOutcomeIsFinal() {
        assertThat(NarrationStatus.fromColumn(null)).as("no narration asked for").isNull();
        assertThat(NarrationStatus.fromColumn("PENDING").moveTo(NarrationStatus.READY)).isEqualTo(NarrationStatus.READY);
        assertThat(NarrationStatus.PENDING.moveTo(NarrationStatus.FAILED).isTerminal()).isTrue();
        assertThatThrownBy(() -> NarrationStatus.READY.moveTo(NarrationStatus.FAILED)).isInstanceOf(IllegalTransitionException.class);
    }
}
