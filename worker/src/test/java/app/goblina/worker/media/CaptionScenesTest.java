package app.goblina.worker.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import app.goblina.worker.media.CaptionLook.Placement;
import app.goblina.worker.media.CaptionOverlay.SceneCaption;
import app.goblina.worker.media.FilterGraphs.PlacedWord;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CaptionScenesTest {

    private static final CaptionLook LOOK = CaptionLook.defaults();

    @Test
    void words_are_timed_one_after_the_other_over_the_narration_in_proportion_to_their_length() {
        CaptionStyle style = CaptionStyle.of(1080, 1920, LOOK);
        CaptionLayout layout = new CaptionLayout(CaptionFonts.load(LOOK.fontFile(), style.fontSize()));
        CaptionBlock block = CaptionBlock.of("a bb cccc", layout, style);

        List<PlacedWord> words = CaptionScenes.placeWords(block, layout, 1080, 1.0, 2.2);

        assertThat(words).extracting(PlacedWord::text).containsExactly("a", "bb", "cccc");
        assertThat(words.getFirst().fromSeconds()).isEqualTo(1.0);
        assertThat(words.getLast().toSeconds()).isCloseTo(2.2, within(1e-9));
        assertThat(words.get(0).toSeconds()).isEqualTo(words.get(1).fromSeconds());
        // Weights 2, 3 and 5 (letters plus one) of 1.2 s.
        assertThat(words.get(2).toSeconds() - words.get(2).fromSeconds()).isCloseTo(0.6, within(1e-9));
        assertThat(words.get(0).x()).isLessThan(words.get(1).x());
        assertThat(words.get(1).x()).isLessThan(words.get(2).x());
    }

    @Test
    void a_word_on_a_later_line_is_placed_on_that_line_from_its_own_left_edge() {
        CaptionStyle style = CaptionStyle.of(720, 1280, LOOK);
        CaptionLayout layout = new CaptionLayout(CaptionFonts.load(LOOK.fontFile(), style.fontSize()));
        String caption = "The goblin polishes every single spoon until it shines brighter than the moon";
        CaptionBlock block = CaptionBlock.of(caption, layout, style);

        List<PlacedWord> words = CaptionScenes.placeWords(block, layout, 720, 0, 4);

        assertThat(block.lines()).hasSizeGreaterThan(1);
        assertThat(words).extracting(PlacedWord::text)
                .containsExactlyElementsOf(Arrays.stream(String.join(" ", block.lines()).split(" ")).toList());
        PlacedWord firstOfSecondLine = words.stream().filter(word -> word.line() == 1).findFirst().orElseThrow();
        assertThat(firstOfSecondLine.x()).isEqualTo((720 - layout.width(block.lines().get(1))) / 2);
    }

    @Test
    void every_scene_gets_its_window_and_blank_captions_draw_nothing() {
        AssemblyPlan plan = AssemblyPlan.of(List.of(1.0, 1.0, 1.0), 30, 0.3);

        List<SceneCaption> scenes = CaptionScenes.layOut(Arrays.asList("One", " ", null), List.of(0.0, 0.0, 0.0), plan,
                720, 1280, new CaptionLook(null, 0.04, CaptionLook.Decoration.OUTLINE, Placement.MIDDLE), true);

        assertThat(scenes).hasSize(3);
        assertThat(scenes.get(0).graph()).contains("drawtext", "between(t");
        assertThat(scenes.get(1).graph()).isNull();
        assertThat(scenes.get(2).graph()).isNull();
        assertThat(scenes.get(0).endFrame()).isEqualTo(scenes.get(1).startFrame());
    }
}
