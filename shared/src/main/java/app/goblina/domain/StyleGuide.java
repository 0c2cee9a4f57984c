package app.goblina.domain;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a character looks like and how it should be drawn, written by a {@link app.goblina.analysis.CharacterAnalyst}.
 *
 * @param appearance       a sentence about the character's looks
 * @param visualStyle      rendering style (e.g. "3D cartoon, soft light")
 * @param palette          dominant colours, most prominent first, as {@code #rrggbb}
 * @param personalityHints short phrases scenario writers can lean on
 */
public record StyleGuide(String appearance, String visualStyle, List<String> palette, List<String> personalityHints) {

    private static final Pattern HEX = Pattern.compile("#[0-9a-f]{6}");

    public StyleGuide {
        Objects.requireNonNull(appearance, "appearance");
        Objects.requireNonNull(visualStyle, "visualStyle");
        palette = List.copyOf(palette);
        personalityHints = List.copyOf(personalityHints);
        if (palette.isEmpty()) {
            throw new IllegalArgumentException("palette must name at least one colour");
        }
        for (String colour : palette) {
            if (!HEX.matcher(colour).matches()) {
                throw new IllegalArgumentException("palette colour is not #rrggbb: " + colour);
            }
        }
    }
}
