package app.goblina.worker.providers.local;

import static org.assertj.core.api.Assertions.assertThat;

import app.goblina.domain.Preset;
import app.goblina.domain.ScenarioDraft;
import app.goblina.domain.StyleGuide;
import app.goblina.scenarios.ScenarioBrief;
import java.util.List;
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
            assertThat(drafts.get(0).title()).isEqualTo(ScenarioTemplates.BEATS.get(preset).get(0).title());
            assertThat(drafts).allSatisfy(d -> assertThat(d.prompt()).contains("coffee").contains("3D cartoon"));
        }
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
