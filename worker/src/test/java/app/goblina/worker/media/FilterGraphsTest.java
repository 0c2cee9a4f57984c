package app.goblina.worker.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

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
    void a_landscape_clip_is_scaled_to_fill_a_vertical_frame_and_centre_cropped() {
        assertThat(FilterGraphs.normalize(1280, 720, 1, 1080, 1920, null))
                .isEqualTo("scale=3414:1920:flags=bicubic,format=pix_fmts=yuv420p,crop=1080:1920,setsar=1"
                        + ",format=pix_fmts=yuv420p");
    }

    @Test
    void a_clip_of_the_same_shape_is_only_scaled() {
        assertThat(FilterGraphs.normalize(720, 1280, 1, 1080, 1920, null)).startsWith("scale=1080:1920:");
        assertThat(FilterGraphs.normalize(640, 640, 1, 1080, 1920, null)).startsWith("scale=1920:1920:");
    }

    @Test
    void anamorphic_pixels_are_taken_into_account() {
        // 960x1080 with 2:1 pixels displays as 1920x1080.
        assertThat(FilterGraphs.normalize(960, 1080, 2.0, 1080, 1920, null)).startsWith("scale=3414:1920:");
    }

    @Test
    void ffmpeg_accepts_a_caption_graph_full_of_filter_syntax() {
        CaptionLayout layout = new CaptionLayout(CaptionFonts.load(CaptionFonts.DEFAULT_FONT_FILE, 40));
        CaptionStyle style = CaptionStyle.forFrame(720, 1280);
        CaptionBlock block = new CaptionBlock(List.of("it's 100%: [a], b; c \\ d", "=x='y'"), layout.lineHeight(),
                layout.ascent(), 400, style);
        Path weirdFont = Path.of("/no such dir: it's [here]/font, bold.ttf");
        String graph = FilterGraphs.normalize(720, 1280, 1, 720, 1280, new FilterGraphs.Caption(block,
                CaptionFonts.DEFAULT_FONT_FILE));
        // The graph must parse; drawtext then opens the font, so a bad path must fail on the font, not the syntax.
        FFmpegFrameFilter filter = new FFmpegFrameFilter(graph, 720, 1280);

        assertThatCode(() -> {
            try {
                filter.start();
            } finally {
                filter.release();
            }
        }).doesNotThrowAnyException();
        assertThat(FilterGraphs.drawCaption(new FilterGraphs.Caption(block, weirdFont), 720))
                .contains(FilterGraphs.optionValue(weirdFont.toString()));
    }
}
