package app.goblina.domain;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The personality a project's scenarios are written in. */
public enum Preset {
    SASSY("sharp, teasing, confident one-liners"),
    WHOLESOME("warm, kind, encouraging and gentle"),
    CHAOTIC("unhinged energy, surprising turns, escalating mischief"),
    DEADPAN("flat delivery, dry understatement, absurd calm");

    private final String tone;

    Preset(String tone) {
        this.tone = tone;
    }

    /** A sentence describing the tone, for prompts and templates. */
    public String tone() {
        return tone;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses the lower-case wire name; empty when unknown. */
    public static Optional<Preset> fromWire(String value) {
        if (value == null) {
            return Optional.empty();
        }
        return Arrays.stream(values()).filter(p -> p.wireName().equals(value)).findFirst();
    }

    public static String allowedValues() {
        return String.join(", ", Arrays.stream(values()).map(Preset::wireName).toList());
    }
}
