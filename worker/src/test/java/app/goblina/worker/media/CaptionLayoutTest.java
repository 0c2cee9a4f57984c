package app.goblina.worker.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CaptionLayoutTest {

    private final CaptionLayout layout = new CaptionLayout(CaptionFonts.load(CaptionFonts.DEFAULT_FONT_FILE, 60));

    @Test
    void a_long_caption_wraps_into_lines_that_each_fit_the_width() {
        String caption = "Grub the goblin polishes every spoon he finds until it shines like the moon over the swamp";

        List<String> lines = layout.wrap(caption, 600, 10);

        assertThat(lines).hasSizeGreaterThan(2);
        assertThat(lines).allSatisfy(line -> assertThat(layout.width(line)).isLessThanOrEqualTo(600));
        assertThat(String.join(" ", lines)).isEqualTo(caption);
    }

    @Test
    void a_short_caption_stays_on_one_line() {
        assertThat(layout.wrap("Hello", 600, 3)).containsExactly("Hello");
    }

    @Test
    void a_word_wider_than_the_line_is_broken_between_characters() {
        String word = "Supercalifragilisticexpialidocious";

        List<String> lines = layout.wrap(word, 300, 10);

        assertThat(lines).hasSizeGreaterThan(1);
        assertThat(lines).allSatisfy(line -> assertThat(layout.width(line)).isLessThanOrEqualTo(300));
        assertThat(String.join("", lines)).isEqualTo(word);
    }

    @Test
    void text_beyond_the_last_line_is_cut_and_marked_with_an_ellipsis() {
        List<String> lines = layout.wrap("one two three four five six seven eight nine ten eleven twelve", 250, 2);

        assertThat(lines).hasSize(2);
        assertThat(lines.get(1)).endsWith("\u2026");
        assertThat(layout.width(lines.get(1))).isLessThanOrEqualTo(250);
    }

    @Test
    void line_breaks_in_the_caption_are_kept_and_other_white_space_is_collapsed() {
        assertThat(layout.wrap("First\r\nSecond\t\t line\u0007", 900, 5)).containsExactly("First", "Second line");
    }

    @Test
    void a_missing_or_blank_caption_has_no_lines() {
        assertThat(layout.wrap(null, 600, 3)).isEmpty();
        assertThat(layout.wrap(" \n\t ", 600, 3)).isEmpty();
    }

    @Test
    void captions_for_a_vertical_frame_end_above_the_bottom_fifteen_percent_and_start_in_the_lower_third() {
        CaptionStyle style = CaptionStyle.forFrame(1080, 1920);
        CaptionLayout styled = new CaptionLayout(CaptionFonts.load(CaptionFonts.DEFAULT_FONT_FILE, style.fontSize()));
        CaptionBlock block = CaptionBlock.of("a caption long enough to need every single line that the style allows "
                + "so the block is as tall as it can be, and then some more words, and more, and more", styled, style);

        assertThat(block.lines()).hasSize(style.maxLines(styled.lineHeight())).hasSizeGreaterThanOrEqualTo(3);
        assertThat(block.lines().getLast()).endsWith("\u2026");
        assertThat(block.box(1080).getMaxY()).isLessThanOrEqualTo(1920 * 0.85);
        assertThat(block.box(1080).getMinY()).isGreaterThanOrEqualTo(1920 * 2.0 / 3);
        assertThat(block.box(1080).getWidth()).isLessThanOrEqualTo(1080 * 0.85);
    }
}
