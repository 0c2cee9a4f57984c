package app.goblina.testkit.fakes.llm;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The rules providers apply to a JSON schema before they accept it for structured output. Each method returns the
 * problems found, worded like the provider's 400 message, or nothing when the schema is acceptable.
 */
public final class JsonSchemaRules {

    private JsonSchemaRules() {
    }

    /**
     * OpenAI's strict mode: the root is an object, and every object (however deeply nested, in {@code properties},
     * {@code items}, {@code anyOf} or {@code $defs}) has {@code additionalProperties: false} and lists every
     * property in {@code required}.
     */
    public static List<String> openAiStrict(Map<String, Object> schema) {
        List<String> problems = new ArrayList<>();
        if (!"object".equals(schema.get("type"))) {
            problems.add("schema must be a JSON Schema of 'type: \"object\"', got 'type: \"" + schema.get("type") + "\"'.");
        }
        walk(schema, "()", problems, true);
        return problems;
    }

    /** Anthropic's structured output: every object has {@code additionalProperties: false}. */
    public static List<String> anthropic(Map<String, Object> schema) {
        List<String> problems = new ArrayList<>();
        walk(schema, "", problems, false);
        return problems;
    }

    @SuppressWarnings("unchecked")
    private static void walk(Object node, String context, List<String> problems, boolean allRequired) {
        if (!(node instanceof Map<?, ?> raw)) {
            return;
        }
        Map<String, Object> schema = (Map<String, Object>) raw;
        boolean isObject = "object".equals(schema.get("type"))
                || (schema.get("type") instanceof List<?> types && types.contains("object"));
        if (isObject) {
            if (!Boolean.FALSE.equals(schema.get("additionalProperties"))) {
                problems.add("In context=" + context + ", 'additionalProperties' is required to be supplied and to be false.");
            }
            if (allRequired) {
                Set<String> properties = schema.get("properties") instanceof Map<?, ?> p
                        ? new TreeSet<>((Set<String>) p.keySet()) : new TreeSet<>();
                Set<String> required = schema.get("required") instanceof List<?> r
                        ? new TreeSet<>((List<String>) r) : new TreeSet<>();
                Set<String> missing = new TreeSet<>(properties);
                missing.removeAll(required);
                if (!missing.isEmpty()) {
                    problems.add("In context=" + context + ", 'required' is required to be supplied and to be an array "
                            + "including every key in properties. Missing " + missing + ".");
                }
            }
        }
        if (schema.get("properties") instanceof Map<?, ?> properties) {
            ((Map<String, Object>) properties).forEach((name, sub) ->
                    walk(sub, context + ", 'properties', '" + name + "'", problems, allRequired));
        }
        walk(schema.get("items"), context + ", 'items'", problems, allRequired);
        for (String key : List.of("anyOf", "allOf", "oneOf")) {
            if (schema.get(key) instanceof List<?> options) {
                for (int i = 0; i < options.size(); i++) {
                    walk(options.get(i), context + ", '" + key + "', " + i, problems, allRequired);
                }
            }
        }
        for (String key : List.of("$defs", "definitions")) {
            if (schema.get(key) instanceof Map<?, ?> defs) {
                ((Map<String, Object>) defs).forEach((name, sub) ->
                        walk(sub, context + ", '" + key + "', '" + name + "'", problems, allRequired));
            }
        }
    }
}
