package app.goblina.worker.providers.llm;

import static org.assertj.core.api.Assertions.assertThat;

import app.goblina.domain.ScenarioDraft;
import app.goblina.testkit.fakes.FakeJson;
import app.goblina.testkit.fakes.llm.JsonSchemaRules;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScenarioSchemaTest {

    private static String scene(String title, String caption) {
        return """
                {"title":"%s","action":"She pours coffee.","caption":"%s","prompt":"A goblin pours coffee."}"""
                .formatted(title, caption);
    }

    @Test
    void exactlyTheCountAskedIsAccepted() {
        // given
        String answer = "{\"scenes\":[" + scene("Hook", "Hi") + "," + scene("Outro", "Bye") + "]}";

        // when
        Checked<List<ScenarioDraft>> checked = LlmOutputValidator.validate(answer, a -> ScenarioSchema.check(a, 2));

        // then
        assertThat(checked.value()).extracting(ScenarioDraft::title).containsExactly("Hook", "Outro");
    }

    @Test
    void aWrongCountIsAProblemOfItsOwn() {
        // given
        String answer = "{\"scenes\":[" + scene("Hook", "Hi") + "]}";

        // when
        Checked<List<ScenarioDraft>> checked = LlmOutputValidator.validate(answer, a -> ScenarioSchema.check(a, 3));

        // then
        assertThat(checked.problems()).containsExactly("the list of scenarios has 1 items (expected exactly 3)");
    }

    @Test
    void fieldsAreCheckedAgainstTheDraftLimitsAndNamedByScene() {
        // given
        String answer = "{\"scenes\":[" + scene(" ", "Hi") + "," + scene("Outro", "x".repeat(161))
                + ",{\"title\":\"T\",\"action\":\"A\",\"caption\":\"C\"}]}";

        // when
        Checked<List<ScenarioDraft>> checked = LlmOutputValidator.validate(answer, a -> ScenarioSchema.check(a, 3));

        // then
        assertThat(checked.problems()).containsExactly("scenario 1 title is empty",
                "scenario 2 caption is 161 characters (max 160)", "scenario 3 prompt is missing");
    }

    @Test
    void theReasonListsThreeProblemsAndCountsTheRest() {
        assertThat(AskWithOneRepair.summary(List.of("a", "b", "c", "d", "e"))).isEqualTo("a; b; c (and 2 more)");
    }

    @Test
    void theSchemaSentToModelsMeetsOpenAisStrictRulesAndStatesTheCount() {
        // when
        String schema = ScenarioSchema.outputSchema(5).schema().toString();

        // then
        assertThat(JsonSchemaRules.openAiStrict(FakeJson.parseObject(schema))).isEmpty();
        assertThat(schema).contains("Exactly 5 scenes");
    }
}
