package app.goblina.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProjectRulesTest {

    @Test
    void aTypicalRequestPasses() {
        assertThat(ProjectRules.check("why goblins love coffee", "sassy", 3, 4, "1080x1920")).isEmpty();
        assertThat(ProjectRules.check("x", "deadpan", null, null, null)).as("defaults apply to absent values").isEmpty();
    }

    @Test
    void theTopicMustHaveOneToFiveHundredCharacters() {
        assertThat(fields(ProjectRules.check(" ", "sassy", 3, 4, null))).containsExactly("topic");
        assertThat(ProjectRules.check("a".repeat(500), "sassy", 3, 4, null)).isEmpty();
        assertThat(ProjectRules.check("a".repeat(501), "sassy", 3, 4, null).get(0).reason()).contains("at most 500");
    }

    @Test
    void scenarioCountAndClipSecondsHaveBounds() {
        assertThat(fields(ProjectRules.check("t", "sassy", 0, 4, null))).containsExactly("scenarioCount");
        assertThat(fields(ProjectRules.check("t", "sassy", 9, 4, null))).containsExactly("scenarioCount");
        assertThat(ProjectRules.check("t", "sassy", 8, 12, null)).isEmpty();
        assertThat(fields(ProjectRules.check("t", "sassy", 1, 1, null))).containsExactly("clipSeconds");
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        List<FieldError> errors = ProjectRules.check("", "grumpy", 99, 60, "4k");

        assertThat(fields(errors)).containsExactly("topic", "preset", "scenarioCount", "clipSeconds", "format");
        assertThat(errors.get(1).reason()).contains("sassy, wholesome, chaotic, deadpan");
    }

    private static List<String> fields(List<FieldError> errors) {
        return errors.stream().map(FieldError::field).toList();
    }
}
