package app.goblina.worker.providers.llm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a model's text answer as untrusted input: parses it as JSON and hands the tree to a schema check
 * ({@link StyleGuideSchema}, {@link ScenarioSchema}), with field helpers that word every problem for a user.
 * Properties the schema does not know are ignored.
 */
public final class LlmOutputValidator {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    // Some models wrap JSON in a Markdown fence despite a schema; the content is still the answer.
    private static final Pattern FENCE = Pattern.compile("(?s)^\\s*```(?:json)?\\s*(.*?)\\s*```\\s*$");

    private LlmOutputValidator() {
    }

    /** Parses {@code answer} and checks it with {@code schema}. */
    public static <T> Checked<T> validate(String answer, Function<JsonNode, Checked<T>> schema) {
        if (answer == null || answer.isBlank()) {
            return Checked.invalid(List.of("the answer is empty"));
        }
        Matcher fenced = FENCE.matcher(answer);
        String json = fenced.matches() ? fenced.group(1) : answer;
        JsonNode tree;
        try {
            tree = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            return Checked.invalid(List.of("the answer is not valid JSON (" + e.getOriginalMessage() + ")"));
        }
        if (tree == null || !tree.isObject()) {
            return Checked.invalid(List.of("the answer is not a JSON object"));
        }
        return schema.apply(tree);
    }

    /**
     * The text at {@code field}, stripped, when it is a string of 1 to {@code max} characters; else null, with the
     * problem added to {@code problems}.
     */
    static String text(JsonNode parent, String field, String label, int max, List<String> problems) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            problems.add(label + " is missing");
            return null;
        }
        return text(node, label, max, problems);
    }

    /** Like {@link #text(JsonNode, String, String, int, List)}, for a node already in hand (an array item). */
    static String text(JsonNode node, String label, int max, List<String> problems) {
        if (!node.isTextual()) {
            problems.add(label + " is not text");
            return null;
        }
        String value = node.asText().strip();
        if (value.isEmpty()) {
            problems.add(label + " is empty");
            return null;
        }
        if (value.length() > max) {
            problems.add(label + " is " + value.length() + " characters (max " + max + ")");
            return null;
        }
        return value;
    }

    /**
     * The items of the array at {@code field} when it holds {@code min} to {@code max} of them; else an empty list,
     * with the problem added.
     */
    static List<JsonNode> array(JsonNode parent, String field, String label, int min, int max, List<String> problems) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            problems.add(label + " is missing");
            return List.of();
        }
        if (!node.isArray()) {
            problems.add(label + " is not a list");
            return List.of();
        }
        if (node.size() < min || node.size() > max) {
            String expected = min == max ? "exactly " + min : min + " to " + max;
            problems.add(label + " has " + node.size() + " items (expected " + expected + ")");
            return List.of();
        }
        List<JsonNode> items = new ArrayList<>();
        node.forEach(items::add);
        return items;
    }
}
