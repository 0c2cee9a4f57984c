package app.goblina.worker.providers.llm;

import static org.assertj.core.api.Assertions.assertThat;

import app.goblina.domain.StyleGuide;
import app.goblina.testkit.fakes.FakeJson;
import app.goblina.testkit.fakes.llm.JsonSchemaRules;
import org.junit.jupiter.api.Test;

class StyleGuideSchemaTest {

    private static final String VALID = """
            {"appearance":" A green goblin woman. ","visual_style":"3D cartoon","palette":["#4F9A3A","#7a2e8c"],
             "personality_hints":["sassy"],"mood":"ignored"}""";

    @Test
    void aValidAnswerIsTrimmedItsColoursLowerCasedAndUnknownPropertiesIgnored() {
        // when
        Checked<StyleGuide> checked = LlmOutputValidator.validate(VALID, StyleGuideSchema::check);

        // then
        assertThat(checked.problems()).isEmpty();
        assertThat(checked.value().appearance()).isEqualTo("A green goblin woman.");
        assertThat(checked.value().palette()).containsExactly("#4f9a3a", "#7a2e8c");
    }

    @Test
    void everyProblemIsNamedInWordsAUserCanRead() {
        // given
        String answer = """
                {"appearance":"%s","visual_style":"","palette":["#abc","green"],"personality_hints":[]}"""
                .formatted("a".repeat(601));

        // when
        Checked<StyleGuide> checked = LlmOutputValidator.validate(answer, StyleGuideSchema::check);

        // then
        assertThat(checked.problems()).containsExactly(
                "appearance is 601 characters (max 600)",
                "visual style is empty",
                "palette colour 1 '#abc' is not a #rrggbb hex colour",
                "palette colour 2 'green' is not a #rrggbb hex colour",
                "personality hints has 0 items (expected 1 to 8)");
    }

    @Test
    void jsonInAMarkdownFenceIsStillRead() {
        // when
        Checked<StyleGuide> checked = LlmOutputValidator.validate("```json\n" + VALID + "\n```", StyleGuideSchema::check);

        // then
        assertThat(checked.isValid()).isTrue();
    }

    @Test
    void proseAndTrailingTextAreNotJson() {
        assertThat(LlmOutputValidator.validate("Here you go!", StyleGuideSchema::check).problems())
                .singleElement().asString().startsWith("the answer is not valid JSON");
        assertThat(LlmOutputValidator.validate(VALID + " and more", StyleGuideSchema::check).isValid()).isFalse();
        assertThat(LlmOutputValidator.validate("[]", StyleGuideSchema::check).problems())
                .containsExactly("the answer is not a JSON object");
    }

    @Test
    void theSchemaSentToModelsMeetsOpenAisStrictRules() {
        // when
        String schema = StyleGuideSchema.outputSchema().schema().toString();

        // then
        assertThat(JsonSchemaRules.openAiStrict(FakeJson.parseObject(schema))).isEmpty();
        assertThat(JsonSchemaRules.anthropic(FakeJson.parseObject(schema))).isEmpty();
    }
}
