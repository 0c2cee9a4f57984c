package app.goblina.domain;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * How one scene gives way to the next: a short crossfade (default), which overlaps the scenes and so makes the
 * short shorter than the sum of its clips, or a hard cut, which keeps the sum exactly.
 */
public enum SceneTransition {
    CROSSFADE,
    CUT;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<SceneTransition> fromWire(String value) {
        return Arrays.stream(values()).filter(t -> t.wireName().equals(value)).findFirst();
    }

    public static String allowedValues() {
        return String.join(", ", Arrays.stream(values()).map(SceneTransition::wireName).toList());
    }
}
