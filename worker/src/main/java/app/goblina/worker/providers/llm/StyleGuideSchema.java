package app.goblina.worker.providers.llm;

import app.goblina.domain.StyleGuide;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What an analysis answer must look like: the JSON schema sent to the model and the check of what came back.
 * The caps keep a style guide small enough to quote in every scenario prompt.
 */
public final class StyleGuideSchema {

    public static final int MAX_APPEARANCE = 600;
    public static final int MAX_VISUAL_STYLE = 300;
    public static final int MAX_COLOURS = 8;
    public static final int MAX_HINTS = 8;
    public static final int MAX_HINT = 120;

    private static final Pattern HEX = Pattern.compile("#[0-9a-fA-F]{6}");
    private static final OutputSchema SCHEMA = new OutputSchema("style_guide", StrictSchema.object(properties()));

    private StyleGuideSchema() {
    }

    /** The schema sent to the model. */
    public static OutputSchema outputSchema() {
        return SCHEMA;
    }

    /** Checks a parsed answer; colours are normalised to lower case. */
    public static Checked<StyleGuide> check(JsonNode answer) {
        List<String> problems = new ArrayList<>();
        String appearance = LlmOutputValidator.text(answer, "appearance", "appearance", MAX_APPEARANCE, problems);
        String visualStyle = LlmOutputValidator.text(answer, "visual_style", "visual style", MAX_VISUAL_STYLE, problems);
        List<String> palette = palette(answer, problems);
        List<String> hints = hints(answer, problems);
        if (!problems.isEmpty()) {
            return Checked.invalid(problems);
        }
        return Checked.valid(new StyleGuide(appearance, visualStyle, palette, hints));
    }

    private static List<String> palette(JsonNode answer, List<String> problems) {
        List<String> colours = new ArrayList<>();
        List<JsonNode> items = LlmOutputValidator.array(answer, "palette", "palette", 1, MAX_COLOURS, problems);
        for (int i = 0; i < items.size(); i++) {
            String label = "palette colour " + (i + 1);
            String colour = LlmOutputValidator.text(items.get(i), label, 7, problems);
            if (colour == null) {
                continue;
            }
            if (!HEX.matcher(colour).matches()) {
                problems.add(label + " '" + colour + "' is not a #rrggbb hex colour");
                continue;
            }
            colours.add(colour.toLowerCase(Locale.ROOT));
        }
        return colours;
    }

    private static List<String> hints(JsonNode answer, List<String> problems) {
        List<String> hints = new ArrayList<>();
        List<JsonNode> items = LlmOutputValidator.array(answer, "personality_hints", "personality hints", 1, MAX_HINTS,
                problems);
        for (int i = 0; i < items.size(); i++) {
            String hint = LlmOutputValidator.text(items.get(i), "personality hint " + (i + 1), MAX_HINT, problems);
            if (hint != null) {
                hints.add(hint);
            }
        }
        return hints;
    }

    private static Map<String, ObjectNode> properties() {
        Map<String, ObjectNode> properties = new LinkedHashMap<>();
        properties.put("appearance", StrictSchema.string("The character's looks: body, face, clothes, accessories. "
                + "At most " + MAX_APPEARANCE + " characters."));
        properties.put("visual_style", StrictSchema.string("How the image is rendered, e.g. '3D cartoon, soft "
                + "light'. At most " + MAX_VISUAL_STYLE + " characters."));
        properties.put("palette", StrictSchema.array(StrictSchema.hexColour("A colour as #rrggbb."),
                "1 to " + MAX_COLOURS + " dominant colours of the character, most prominent first."));
        properties.put("personality_hints", StrictSchema.array(StrictSchema.string("A short phrase, at most "
                + MAX_HINT + " characters."), "1 to " + MAX_HINTS + " personality traits the design suggests."));
        return properties;
    }
}
