package app.goblina.worker.providers.llm;

import app.goblina.analysis.CharacterImage;
import java.util.Base64;

/** A character image in the text forms the vendors take: bare base64, or a {@code data:} URL. */
public final class ImageEncoding {

    private ImageEncoding() {
    }

    public static String base64(CharacterImage image) {
        return Base64.getEncoder().encodeToString(image.bytes());
    }

    public static String dataUrl(CharacterImage image) {
        return "data:" + image.mediaType() + ";base64," + base64(image);
    }
}
