package app.goblina.domain;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** How a clip of another shape fills the frame: cropped to fill (default), or whole inside bars. */
public enum FrameFit {
    CROP,
    LETTERBOX;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<FrameFit> fromWire(String value) {
        return Arrays.stream(values()).filter(f -> f.wireName().equals(value)).findFirst();
    }

    public static String allowedValues() {
        return String.join(", ", Arrays.stream(values()).map(FrameFit::wireName).toList());
    }
}
