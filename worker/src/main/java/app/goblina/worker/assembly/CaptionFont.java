package app.goblina.worker.assembly;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The TrueType font captions are drawn with. Environment: {@code GOBLINA_CAPTION_FONT}; the default is DejaVu Sans
 * Bold from Debian's fonts-dejavu-core, readable at small sizes and covering most scripts.
 */
@Singleton
public class CaptionFont {

    private final Path path;

    public CaptionFont(@Value("${goblina.caption.font:/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf}") String path) {
        this.path = Path.of(path);
        if (!Files.isReadable(this.path)) {
            throw new IllegalStateException("Caption font not found at " + path
                    + ": install fonts-dejavu-core or set GOBLINA_CAPTION_FONT to a .ttf file");
        }
    }

    public Path path() {
        return path;
    }
}
