package app.goblina.worker.providers.llm;

import app.goblina.domain.ScenarioDraft;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a writing answer must look like: {@code {"scenes":[{title, action, caption, prompt}, …]}} with exactly the
 * number of scenes asked for and every field within {@link ScenarioDraft}'s caps. The root is an object because
 * strict structured output allows no other.
 */
public final class ScenarioSchema {

    private ScenarioSchema() {
    }

    /** The schema sent to the model; its description states the count, which the model cannot enforce alone. */
    public static OutputSchema outputSchema(int count) {
        Map<String, ObjectNode> scene = new LinkedHashMap<>();
        scene.put("title", StrictSchema.string("A few words naming the scene. At most " + ScenarioDraft.MAX_TITLE
                + " characters."));
        scene.put("action", StrictSchema.string("What the character does on screen. At most "
                + ScenarioDraft.MAX_ACTION + " characters."));
        scene.put("caption", StrictSchema.string("The line shown on screen during the clip. At most "
                + ScenarioDraft.MAX_CAPTION + " characters."));
        scene.put("prompt", StrictSchema.string("The full text for the video model. At most "
                + ScenarioDraft.MAX_PROMPT + " characters."));
        Map<String, ObjectNode> root = new LinkedHashMap<>();
        root.put("scenes", StrictSchema.array(StrictSchema.object(scene),
                "Exactly " + count + " scenes, in the order they play."));
        return new OutputSchema("scenarios", StrictSchema.object(root));
    }

    /** Checks a parsed answer against the brief's {@code count}. */
    public static Checked<List<ScenarioDraft>> check(JsonNode answer, int count) {
        List<String> problems = new ArrayList<>();
        List<JsonNode> scenes = LlmOutputValidator.array(answer, "scenes", "the list of scenarios", count, count,
                problems);
        List<ScenarioDraft> drafts = new ArrayList<>();
        for (int i = 0; i < scenes.size(); i++) {
            String label = "scenario " + (i + 1);
            JsonNode scene = scenes.get(i);
            if (!scene.isObject()) {
                problems.add(label + " is not an object");
                continue;
            }
            String title = LlmOutputValidator.text(scene, "title", label + " title", ScenarioDraft.MAX_TITLE, problems);
            String action = LlmOutputValidator.text(scene, "action", label + " action", ScenarioDraft.MAX_ACTION, problems);
            String caption = LlmOutputValidator.text(scene, "caption", label + " caption", ScenarioDraft.MAX_CAPTION,
                    problems);
            String prompt = LlmOutputValidator.text(scene, "prompt", label + " prompt", ScenarioDraft.MAX_PROMPT, problems);
            if (title != null && action != null && caption != null && prompt != null) {
                drafts.add(new ScenarioDraft(title, action, caption, prompt));
            }
        }
        return problems.isEmpty() ? Checked.valid(drafts) : Checked.invalid(problems);
    }
}
