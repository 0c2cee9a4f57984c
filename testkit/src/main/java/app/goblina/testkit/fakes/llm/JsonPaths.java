package app.goblina.testkit.fakes.llm;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Edits a parsed JSON value at a path such as {@code scenes[1].caption} or {@code palette[0]}, so a test can say
 * "a valid answer, except this one field" without writing the whole answer.
 */
public final class JsonPaths {

    private static final Pattern STEP = Pattern.compile("([^.\\[\\]]+)|\\[(\\d+)]");

    private JsonPaths() {
    }

    /**
     * Sets the value at {@code path}, replacing what was there.
     *
     * @throws IllegalArgumentException when a step of the path does not exist
     */
    public static void set(Object root, String path, Object value) {
        List<Object> steps = steps(path);
        Object parent = walk(root, steps.subList(0, steps.size() - 1), path);
        Object last = steps.get(steps.size() - 1);
        if (last instanceof Integer index) {
            asList(parent, path).set(index, value);
        } else {
            asMap(parent, path).put((String) last, value);
        }
    }

    /**
     * Removes the property or array item at {@code path}.
     *
     * @throws IllegalArgumentException when a step of the path does not exist
     */
    public static void remove(Object root, String path) {
        List<Object> steps = steps(path);
        Object parent = walk(root, steps.subList(0, steps.size() - 1), path);
        Object last = steps.get(steps.size() - 1);
        if (last instanceof Integer index) {
            asList(parent, path).remove((int) index);
        } else {
            asMap(parent, path).remove((String) last);
        }
    }

    private static Object walk(Object node, List<Object> steps, String path) {
        Object current = node;
        for (Object step : steps) {
            if (step instanceof Integer index) {
                List<Object> list = asList(current, path);
                if (index >= list.size()) {
                    throw new IllegalArgumentException("no item " + index + " on the way to " + path);
                }
                current = list.get(index);
            } else {
                Map<String, Object> map = asMap(current, path);
                if (!map.containsKey(step)) {
                    throw new IllegalArgumentException("no property " + step + " on the way to " + path);
                }
                current = map.get(step);
            }
        }
        return current;
    }

    private static List<Object> steps(String path) {
        Matcher m = STEP.matcher(path);
        List<Object> steps = new ArrayList<>();
        while (m.find()) {
            steps.add(m.group(1) != null ? m.group(1) : Integer.valueOf(m.group(2)));
        }
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("empty path");
        }
        return steps;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object node, String path) {
        if (node instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        throw new IllegalArgumentException("not an object on the way to " + path);
    }

    @SuppressWarnings("unchecked")
    private static List<Object> asList(Object node, String path) {
        if (node instanceof List<?> list) {
            return (List<Object>) list;
        }
        throw new IllegalArgumentException("not an array on the way to " + path);
    }
}
