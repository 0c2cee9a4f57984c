package app.goblina.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ProjectStatusTest {

    @Test
    void aProjectMovesThroughThePipelineInOrder() {
        ProjectStatus status = ProjectStatus.QUEUED;
        status = status.moveTo(ProjectStatus.WRITING);
        status = status.moveTo(ProjectStatus.GENERATING);
        status = status.moveTo(ProjectStatus.ASSEMBLING);
        status = status.moveTo(ProjectStatus.DONE);

        assertThat(status.isTerminal()).isTrue();
    }

    @Test
    void aStageCannotBeSkipped() {
        assertThatThrownBy(() -> ProjectStatus.QUEUED.moveTo(ProjectStatus.ASSEMBLING))
                .isInstanceOf(IllegalTransitionException.class)
                .hasMessageContaining("QUEUED -> ASSEMBLING");
        assertThatThrownBy(() -> ProjectStatus.WRITING.moveTo(ProjectStatus.DONE))
                .isInstanceOf(IllegalTransitionException.class);
    }

    @ParameterizedTest
    @EnumSource(value = ProjectStatus.class, names = {"QUEUED", "WRITING", "GENERATING", "ASSEMBLING"})
    void everyRunningStatusCanFailOrBeCancelled(ProjectStatus running) {
        assertThat(running.canMoveTo(ProjectStatus.FAILED)).isTrue();
        assertThat(running.canMoveTo(ProjectStatus.CANCELLED)).isTrue();
        assertThat(running.isTerminal()).isFalse();
    }

    @ParameterizedTest
    @EnumSource(value = ProjectStatus.class, names = {"DONE", "FAILED", "CANCELLED"})
    void aFinishedProjectNeverChangesAgain(ProjectStatus finished) {
        for (ProjectStatus next : ProjectStatus.values()) {
            assertThat(finished.canMoveTo(next)).as(finished + " -> " + next).isFalse();
        }
    }

    @Test
    void eachRunningStatusNamesItsStage() {
        assertThat(ProjectStatus.QUEUED.stage()).isEqualTo(Stage.ANALYSIS);
        assertThat(ProjectStatus.WRITING.stage()).isEqualTo(Stage.SCENARIOS);
        assertThat(ProjectStatus.GENERATING.stage()).isEqualTo(Stage.CLIPS);
        assertThat(ProjectStatus.ASSEMBLING.stage()).isEqualTo(Stage.ASSEMBLY);
    }
}
