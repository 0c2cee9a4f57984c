package app.goblina.worker.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.goblina.worker.media.MediaProbe.MediaInfo;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class MediaSelfCheckTest {

    @Test
    void theSelfCheckRendersACaptionedClipAndReadsItBackAsH264() throws Exception {
        MediaInfo info = MediaSelfCheck.run(CaptionFonts.DEFAULT_FONT_FILE);

        assertThat(info.videoCodec()).isEqualTo("h264");
        assertThat(info.width()).isEqualTo(128);
        assertThat(info.height()).isEqualTo(128);
        assertThat(info.durationSeconds()).isBetween(0.9, 1.1);
    }

    @Test
    void theSelfCheckFailsWhenTheCaptionFontIsMissing() {
        assertThatThrownBy(() -> MediaSelfCheck.run(Path.of("/nonexistent/caption.ttf")))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("caption font is missing");
    }
}
