package app.goblina.domain;

import java.util.Optional;

/**
 * What a free-text field (a name, a topic, a scene's line) may hold: printable text of at most a number of
 * characters, counted in code points so an emoji counts once. Refused: NUL and every other control character
 * (C0, DEL, C1), the bidirectional embeddings, overrides and isolates that make text display in another order
 * than it is stored (U+202A–U+202E, U+2066–U+2069), lone surrogates and the noncharacters U+FFFE and U+FFFF.
 */
public final class TextRules {

    private TextRules() {
    }

    /** Why {@code value} (already stripped) is not acceptable text of at most {@code maxCodePoints}, if it is not. */
    public static Optional<String> problem(String value, int maxCodePoints) {
        if (value.isEmpty()) {
            return Optional.of("must not be empty");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
                continue;
            }
            Optional<String> refused = refused(c);
            if (refused.isPresent()) {
                return Optional.of("must not contain " + refused.get() + " (at character " + (value.codePointCount(0, i) + 1) + ")");
            }
        }
        int length = value.codePointCount(0, value.length());
        if (length > maxCodePoints) {
            return Optional.of("must be at most " + maxCodePoints + " characters, was " + length);
        }
        return Optional.empty();
    }

    private static Optional<String> refused(char c) {
        if (c == 0) {
            return Optional.of("a NUL character");
        }
        if (c < 0x20 || (c >= 0x7F && c <= 0x9F)) {
            return Optional.of(String.format("the control character U+%04X", (int) c));
        }
        if ((c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069)) {
            return Optional.of(String.format("the bidirectional control U+%04X", (int) c));
        }
        if (Character.isSurrogate(c)) {
            return Optional.of("a lone surrogate");
        }
        if (c == 0xFFFE || c == 0xFFFF) {
            return Optional.of(String.format("the noncharacter U+%04X", (int) c));
        }
        return Optional.empty();
    }
}
