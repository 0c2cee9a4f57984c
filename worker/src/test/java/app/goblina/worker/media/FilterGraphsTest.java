package app.goblina.worker.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import app.goblina.worker.media.CaptionLook.Decoration;
import app.goblina.worker.media.CaptionLook.Placement;
import app.goblina.worker.media.FilterGraphs.PlacedWord;
import app.goblina.worker.media.FilterGraphs.SourceColour;
import java.nio.file.Path;
import java.util.List;
import org.bytedeco.javacv.FFmpegFrameFilter;
import org.junit.jupiter.api.Test;

class FilterGraphsTest {

    @Test
    void an_option_value_is_quoted_for_the_option_parser_and_escaped_for_the_graph_parser() {
        assertThat(FilterGraphs.optionValue("a:b")).isEqualTo("\\'a:b\\'");
        assertThat(FilterGraphs.optionValue("it's")).isEqualTo("\\'it\\'\\\\\\'\\'s\\'");
        assertThat(FilterGraphs.optionValue("[x],y;z")).isEqualTo("\\'\\[x\\]\\,y\\;z\\'");
        assertThat(FilterGraphs.optionValue("C:\\fonts")).isEqualTo("\\'C:\\\\fonts\\'");
    }

    @Test
    void a_landscape_clip_is_converted_to_the_frame_rate_scaled_to_fill_a_vertical_frame_and_centre_cropped() {
        assertThat(FilterGraphs.normalize(1280, 720, 1, 1080, 1920, 30, Fit.CROP, SourceColour.BT709))
                .isEqualTo("fps=30,scale=3414:1920:flags=bicubic:out_range=tv,format=pix_fmts=yuv420p"
                        + ",crop=1080:1920,setsar=1," + FilterGraphs.BT709_TAGS);
    }

    @Test
    void letterboxing_fits_the_whole_picture_and_pads_with_black_at_even_offsets() {
        assertThat(FilterGraphs.normalize(1280, 720, 1, 1080, 1920, 30, Fit.LETTERBOX, SourceColour.BT709))
                .contains("scale=1080:608:", "pad=1080:1920:0:656:color=black");
        assertThat(FilterGraphs.normalize(720, 1280, 1, 1920, 1080, 30, Fit.LETTERBOX, SourceColour.BT709))
                .contains("scale=608:1080:", "pad=1920:1080:656:0:color=black");
    }

    @Test
    void a_clip_of_the_same_shape_is_only_scaled() {
        assertThat(FilterGraphs.normalize(720, 1280, 1, 1080, 1920, 30, Fit.CROP, SourceColour.BT709))
                .contains("scale=1080:1920:");
        assertThat(FilterGraphs.normalize(640, 640, 1, 1080, 1920, 30, Fit.CROP, SourceColour.BT709))
                .contains("scale=1920:1920:");
    }

    @Test
    void anamorphic_pixels_are_taken_into_account() {
        // 960x1080 with 2:1 pixels displays as 1920x1080.
        assertThat(FilterGraphs.normalize(960, 1080, 2.0, 1080, 1920, 30, Fit.CROP, SourceColour.BT709))
                .contains("scale=3414:1920:");
    }

    @Test
    void bt601_video_has_its_matrix_converted_and_everything_ends_tagged_bt709() {
        assertThat(FilterGraphs.normalize(640, 480, 1, 1080, 1920, 30, Fit.CROP, SourceColour.BT601))
                .contains("in_color_matrix=bt601:out_color_matrix=bt709")
                .endsWith("setparams=color_primaries=bt709:color_trc=bt709:colorspace=bt709:range=tv");
    }

    @Test
    void ffmpeg_accepts_caption_graphs_full_of_filter_syntax() {
        CaptionLayout layout = new CaptionLayout(CaptionFonts.load(CaptionFonts.DEFAULT_FONT_FILE, 40));
        for (Decoration decoration : Decoration.values()) {
            CaptionStyle style = CaptionStyle.of(720, 1280,
                    new CaptionLook(null, 0.03, decoration, Placement.BOTTOM));
            CaptionBlock block = new CaptionBlock(List.of("it's 100%: [a], b; c \\ d", "=x='y'"), layout.lineHeight(),
                    layout.ascent(), 400, style);
            FilterGraphs.Caption caption = new FilterGraphs.Caption(block, CaptionFonts.DEFAULT_FONT_FILE);
            List<PlacedWord> words = List.of(new PlacedWord("it's", 0, 100, 0, 0.5),
                    new PlacedWord("[a],", 0, 200, 0.5, 1.0));
            for (String graph : List.of(FilterGraphs.drawCaption(caption, 720),
                    FilterGraphs.drawHighlightedCaption(caption, 720, words))) {
                // The graph must parse and drawtext must open the font.
                FFmpegFrameFilter filter = new FFmpegFrameFilter(graph, 720, 1280);
                assertThatCode(() -> {
                    try {
                        filter.start();
                    } finally {
                        filter.release();
                    }
                }).doesNotThrowAnyException();
            }
        }
        Path weirdFont = Path.of("/no such dir: it's [here]/font, bold.ttf");
        CaptionBlock block = new CaptionBlock(List.of("x"), layout.lineHeight(), layout.ascent(), 40,
                CaptionStyle.forFrame(720, 1280));
        assertThat(FilterGraphs.drawCaption(new FilterGraphs.Caption(block, weirdFont), 720))
                .contains(FilterGraphs.optionValue(weirdFont.toString()));
    }

    @Test
    void an_outline_caption_has_no_box_and_a_boxed_one_has_one() {
        CaptionLayout layout = new CaptionLayout(CaptionFonts.load(CaptionFonts.DEFAULT_FONT_FILE, 40));
        CaptionStyle outline = CaptionStyle.of(720, 1280, new CaptionLook(null, 0.03, Decoration.OUTLINE,
                Placement.TOP));
        CaptionStyle box = CaptionStyle.of(720, 1280, CaptionLook.defaults());

        String outlined = FilterGraphs.drawCaption(new FilterGraphs.Caption(
                CaptionBlock.of("Hello", layout, outline), CaptionFonts.DEFAULT_FONT_FILE), 720);
        String boxed = FilterGraphs.drawCaption(new FilterGraphs.Caption(
                CaptionBlock.of("Hello", layout, box), CaptionFonts.DEFAULT_FONT_FILE), 720);

        assertThat(outlined).doesNotContain("drawbox").contains("shadowx");
        assertThat(boxed).startsWith("drawbox=");
    }
}
