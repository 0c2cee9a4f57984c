package app.goblina.worker.providers.llm;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/** Builds schema nodes that satisfy OpenAI's strict mode: closed objects whose properties are all required. */
final class StrictSchema {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private StrictSchema() {
    }

    /** An object with exactly these properties, in this order, all required. */
    static ObjectNode object(Map<String, ObjectNode> properties) {
        ObjectNode node = JSON.objectNode().put("type", "object");
        ObjectNode props = node.putObject("properties");
        ArrayNode required = JSON.arrayNode();
        properties.forEach((name, schema) -> {
            props.set(name, schema);
            required.add(name);
        });
        node.set("required", required);
        node.put("additionalProperties", false);
        return node;
    }

    static ObjectNode string(String description) {
        return JSON.objectNode().put("type", "string").put("description", description);
    }

    /** A string that must look like {@code #rrggbb}; models may still answer upper case, which we accept. */
    static ObjectNode hexColour(String description) {
        return string(description).put("pattern", "^#[0-9a-fA-F]{6}$");
    }

    static ObjectNode array(ObjectNode items, String description) {
        ObjectNode node = JSON.objectNode().put("type", "array").put("description", description);
        node.set("items", items);
        return node;
    }
}
