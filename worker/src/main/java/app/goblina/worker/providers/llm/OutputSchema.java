package app.goblina.worker.providers.llm;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The JSON schema a model's answer must follow, as sent to the model. It is written in the subset every vendor's
 * structured output accepts (OpenAI strict mode is the narrowest): every object closed and every property
 * required, no length or count keywords. Limits are stated in descriptions and the prompt, and enforced by our
 * own validation of the answer, because the vendors do not all enforce them.
 *
 * @param name   a name for the schema ({@code [a-zA-Z0-9_-]{1,64}}), which OpenAI requires
 * @param schema the schema; callers must not modify it
 */
public record OutputSchema(String name, ObjectNode schema) {
}
