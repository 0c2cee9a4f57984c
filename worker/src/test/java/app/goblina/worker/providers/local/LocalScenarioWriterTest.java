package app.goblina.worker.providers.local;

import static org.assertj.core.api.Assertions.assertThat;

import app.goblina.domain.Preset;
import app.goblina.domain.ScenarioDraft;
import app.goblina.domain.StyleGuide;
import app.goblina.scenarios.ScenarioBrief;
import app.goblina.domain.TextRules;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class LocalScenarioWriterTest {

    private static final StyleGuide GUIDE = new StyleGuide("green goblin woman", "3D cartoon", List.of("#4f9a3a"), List.of("sassy"));
    private final LocalScenarioWriter writer = new LocalScenarioWriter();

    @ParameterizedTest
    @EnumSource(Preset.class)
    void everyPresetWritesTheAskedNumberOfScenesFromHookToSignOff(Preset preset) {
        for (int count = 1; count <= 8; count++) {
            List<ScenarioDraft> drafts = writer.write(new ScenarioBrief("Ms. Goblina", GUIDE, "coffee", preset, count, 4));

            assertThat(drafts).hasSize(count);
            assertThat(drafts.get(0).title()).isIn(titles(ScenarioTemplates.LINES.get(preset).hooks()));
            if (count > 1) {
                assertThat(drafts.get(count - 1).title()).isIn(titles(ScenarioTemplates.LINES.get(preset).signOffs()));
            }
            assertThat(drafts).allSatisfy(d -> assertThat(d.prompt()).contains("coffee").contains("3D cartoon"));
        }
    }

    @ParameterizedTest
    @EnumSource(Preset.class)
    void noHookBeatOrSignOffComesTwiceInOneShortForManySeedsAndEveryCount(Preset preset) {
        for (int project = 0; project < 200; project++) {
            for (int count = 1; count <= 8; count++) {
                List<ScenarioDraft> drafts = writer.write(
                        new ScenarioBrief("Goblin " + project, GUIDE, "topic number " + project, preset, count, 4));

                assertThat(drafts.stream().map(ScenarioDraft::title)).doesNotHaveDuplicates();
                assertThat(drafts.stream().map(ScenarioDraft::caption)).doesNotHaveDuplicates();
                assertThat(drafts.stream().map(ScenarioDraft::action)).doesNotHaveDuplicates();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Preset.class)
    void everyLineOfEveryTemplatePassesTheTextRulesWithTheLongestTopicAndName(Preset preset) {
        String topic = "x".repeat(30) + " " + "why goblins brew the strongest coffee under every bridge";
        String name = "Ms. Goblina the Magnificent of the Mossy Hollow";
        for (int project = 0; project < 50; project++) {
            for (ScenarioDraft draft : writer.write(new ScenarioBrief(name, GUIDE, topic + " " + project, preset, 8, 4))) {
                assertThat(TextRules.problem(draft.caption(), ScenarioDraft.MAX_CAPTION)).isEmpty();
                assertThat(TextRules.problem(draft.title(), ScenarioDraft.MAX_TITLE)).isEmpty();
                assertThat(TextRules.problem(draft.action(), ScenarioDraft.MAX_ACTION)).isEmpty();
                assertThat(draft.caption()).isEqualTo(draft.caption().strip()).doesNotContain("{");
            }
        }
    }

    @Test
    void everyPresetHasEnoughDistinctLinesForTheLongestShort() {
        for (ScenarioTemplates.Lines lines : ScenarioTemplates.LINES.values()) {
            assertThat(lines.beats()).hasSizeGreaterThanOrEqualTo(ScenarioTemplates.MAX_MIDDLES);
            assertThat(lines.hooks()).hasSizeGreaterThan(1).allSatisfy(hook -> assertThat(hook.caption()).contains("{topic}"));
            assertThat(lines.signOffs()).hasSizeGreaterThan(1);
        }
    }

    @ParameterizedTest
    @EnumSource(Preset.class)
    void differentProjectsGetDifferentText(Preset preset) {
        Set<List<String>> shorts = new HashSet<>();
        for (int project = 0; project < 20; project++) {
            shorts.add(writer.write(new ScenarioBrief("Ms. Goblina", GUIDE, "coffee " + project, preset, 5, 4)).stream()
                    .map(ScenarioDraft::title).toList());
        }

        assertThat(shorts).as("20 topics give many different shorts").hasSizeGreaterThan(10);
    }

    @ParameterizedTest
    @EnumSource(Preset.class)
    void theSameSeedGivesTheSameText(Preset preset) {
        ScenarioBrief brief = new ScenarioBrief("Ms. Goblina", GUIDE, "coffee at dawn", preset, 8, 4);
        ScenarioBrief sameTopicSpacedAndCasedDifferently = new ScenarioBrief("Ms. Goblina", GUIDE, "  Coffee   at DAWN ",
                preset, 8, 4);

        assertThat(new LocalScenarioWriter().write(brief)).isEqualTo(writer.write(brief));
        assertThat(LocalScenarioWriter.seed(sameTopicSpacedAndCasedDifferently)).isEqualTo(LocalScenarioWriter.seed(brief));
    }

    private static List<String> titles(List<ScenarioTemplates.Beat> beats) {
        return beats.stream().map(ScenarioTemplates.Beat::title).toList();
    }

    @Test
    void presetsSoundDifferent() {
        String sassy = writer.write(new ScenarioBrief("G", GUIDE, "tea", Preset.SASSY, 3, 4)).get(0).caption();
        String deadpan = writer.write(new ScenarioBrief("G", GUIDE, "tea", Preset.DEADPAN, 3, 4)).get(0).caption();

        assertThat(sassy).isNotEqualTo(deadpan);
    }

    @Test
    void aLongTopicIsShortenedAtAWordInCaptionsButKeptWholeInThePrompt() {
        String topic = "why goblins who live under old stone bridges make the very best baristas in the whole kingdom "
                + "and what humans could learn from them about patience";

        ScenarioDraft first = writer.write(new ScenarioBrief("G", GUIDE, topic, Preset.SASSY, 2, 4)).get(0);

        assertThat(first.caption()).contains("why goblins").contains("…").doesNotContain("patience");
        assertThat(first.caption().length()).isLessThanOrEqualTo(ScenarioDraft.MAX_CAPTION);
        assertThat(first.prompt()).contains(topic);
    }
}
