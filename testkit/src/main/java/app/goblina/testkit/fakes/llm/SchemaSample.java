package app.goblina.testkit.fakes.llm;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A value that satisfies a JSON schema, made up from the schema alone: what a fake model answers by default.
 *
 * <p>How it fills things in, so tests can predict the answer: an object gets every property, in order; an array
 * gets as many items as its {@code description} asks for ("exactly 3 …"), else {@code minItems}, else 2; a string
 * takes its {@code const} or first {@code enum} value, a colour from a fixed list when its {@code pattern} asks for
 * {@code #rrggbb} (in upper case, as models often write them), else {@code "Sample <property> <n>"}; numbers take
 * their {@code minimum} or 1; booleans are true. {@code $ref} to {@code #/$defs/…} and the first non-null option
 * of {@code anyOf} are followed.
 */
public final class SchemaSample {

    private static final Pattern EXACTLY = Pattern.compile("(?i)\\bexactly (\\d+)\\b");
    private static final List<String> COLOURS = List.of("#3FA34D", "#F2C14E", "#7A2E8C", "#1D3557", "#E76F51");

    private final Map<String, Object> root;

    private SchemaSample(Map<String, Object> root) {
        this.root = root;
    }

    /** A sample instance of {@code schema}. */
    public static Object of(Map<String, Object> schema) {
        return new SchemaSample(schema).sample("value", schema, 1);
    }

    @SuppressWarnings("unchecked")
    private Object sample(String name, Map<String, Object> schema, int ordinal) {
        if (schema.get("$ref") instanceof String ref) {
            return sample(name, resolve(ref), ordinal);
        }
        if (schema.get("anyOf") instanceof List<?> options) {
            for (Object option : options) {
                Map<String, Object> candidate = (Map<String, Object>) option;
                if (!"null".equals(candidate.get("type"))) {
                    return sample(name, candidate, ordinal);
                }
            }
            return null;
        }
        if (schema.containsKey("const")) {
            return schema.get("const");
        }
        if (schema.get("enum") instanceof List<?> values && !values.isEmpty()) {
            return values.get(0);
        }
        return switch (type(schema)) {
            case "object" -> object(schema, ordinal);
            case "array" -> array(name, schema);
            case "integer", "number" -> schema.get("minimum") instanceof BigDecimal min ? min : BigDecimal.ONE;
            case "boolean" -> Boolean.TRUE;
            case "null" -> null;
            default -> string(name, schema, ordinal);
        };
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> object(Map<String, Object> schema, int ordinal) {
        Map<String, Object> value = new LinkedHashMap<>();
        Object properties = schema.get("properties");
        if (properties instanceof Map<?, ?> map) {
            ((Map<String, Object>) map).forEach((property, sub) ->
                    value.put(property, sample(property, (Map<String, Object>) sub, ordinal)));
        }
        return value;
    }

    @SuppressWarnings("unchecked")
    private List<Object> array(String name, Map<String, Object> schema) {
        int count = 2;
        Matcher exactly = EXACTLY.matcher(String.valueOf(schema.getOrDefault("description", "")));
        if (exactly.find()) {
            count = Integer.parseInt(exactly.group(1));
        } else if (schema.get("minItems") instanceof BigDecimal min) {
            count = Math.max(min.intValue(), 1);
        }
        Map<String, Object> items = schema.get("items") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
        List<Object> list = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            list.add(sample(singular(name), items, i));
        }
        return list;
    }

    private static String string(String name, Map<String, Object> schema, int ordinal) {
        String pattern = String.valueOf(schema.getOrDefault("pattern", ""));
        if (pattern.contains("#") && pattern.contains("{6}")) {
            return COLOURS.get((ordinal - 1) % COLOURS.size());
        }
        return "Sample " + name + " " + ordinal;
    }

    private static String type(Map<String, Object> schema) {
        Object type = schema.get("type");
        if (type instanceof List<?> types) {
            return types.stream().map(String::valueOf).filter(t -> !t.equals("null")).findFirst().orElse("null");
        }
        if (type == null) {
            return schema.containsKey("properties") ? "object" : "string";
        }
        return String.valueOf(type);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> resolve(String ref) {
        Object node = root;
        for (String step : ref.replaceFirst("^#/?", "").split("/")) {
            if (step.isEmpty()) {
                continue;
            }
            if (!(node instanceof Map<?, ?> map) || !map.containsKey(step)) {
                throw new IllegalArgumentException("unresolvable $ref " + ref);
            }
            node = map.get(step);
        }
        return (Map<String, Object>) node;
    }

    private static String singular(String name) {
        return name.endsWith("s") && name.length() > 1 ? name.substring(0, name.length() - 1) : name;
    }
}
