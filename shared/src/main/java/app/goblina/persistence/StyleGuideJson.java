package app.goblina.persistence;

import app.goblina.domain.StyleGuide;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Maps a {@link StyleGuide} to and from the JSON kept in {@code characters.style_guide}. */
public final class StyleGuideJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private StyleGuideJson() {
    }

    public static String write(StyleGuide guide) {
        try {
            return MAPPER.writeValueAsString(guide);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A style guide always serializes", e);
        }
    }

    public static StyleGuide read(String json) {
        try {
            return MAPPER.readValue(json, StyleGuide.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored style guide is not valid JSON", e);
        }
    }
}
