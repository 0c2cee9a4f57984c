package app.goblina.domain;

import java.util.Objects;

/**
 * One beat of a short as a writer produced it, before it is stored.
 *
 * @param title   a few words naming the beat
 * @param action  what the character does on screen
 * @param caption the line shown (and optionally spoken) during the clip
 * @param prompt  the full text sent to the video model
 */
public record ScenarioDraft(String title, String action, String caption, String prompt) {

    public static final int MAX_TITLE = 80;
    public static final int MAX_ACTION = 400;
    public static final int MAX_CAPTION = 160;
    public static final int MAX_PROMPT = 2000;

    public ScenarioDraft {
        requireText("title", title, MAX_TITLE);
        requireText("action", action, MAX_ACTION);
        requireText("caption", caption, MAX_CAPTION);
        requireText("prompt", prompt, MAX_PROMPT);
    }

    private static void requireText(String field, String value, int max) {
        Objects.requireNonNull(value, field);
        if (value.isBlank() || value.length() > max) {
            throw new IllegalArgumentException(field + " must be 1.." + max + " characters");
        }
    }
}
