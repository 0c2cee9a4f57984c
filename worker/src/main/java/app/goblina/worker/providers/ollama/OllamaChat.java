package app.goblina.worker.providers.ollama;

import app.goblina.failures.TransientFailure;
import app.goblina.worker.providers.http.JsonApi;
import app.goblina.worker.providers.llm.ImageEncoding;
import app.goblina.worker.providers.llm.ModelConversation;
import app.goblina.worker.providers.llm.ModelReply;
import app.goblina.worker.providers.llm.StructuredChat;
import app.goblina.worker.providers.llm.StructuredPrompt;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code POST /api/chat} with the schema as {@code format} and {@code stream: false}; the image goes base64 in
 * the user message's {@code images}. Ollama has no refusal signal: a model that declines writes prose, which
 * fails validation and goes through the repair path. A {@code length} stop is an answer cut short.
 *
 * <p>Blocking; see {@link StructuredChat} for what it throws.
 */
final class OllamaChat implements StructuredChat {

    static final String PATH = "/api/chat";

    private final JsonApi api;

    OllamaChat(JsonApi api) {
        this.api = api;
    }

    @Override
    public ModelReply complete(String model, ModelConversation conversation) {
        return reply(api.postForText(PATH, body(model, conversation), model));
    }

    private ObjectNode body(String model, ModelConversation conversation) {
        StructuredPrompt prompt = conversation.prompt();
        ObjectNode body = JsonApi.JSON.createObjectNode().put("model", model);
        ArrayNode messages = body.putArray("messages");
        messages.addObject().put("role", "system").put("content", prompt.instructions());
        ObjectNode user = messages.addObject().put("role", "user").put("content", prompt.request());
        prompt.attachedImage().ifPresent(image -> user.putArray("images").add(ImageEncoding.base64(image)));
        conversation.appendFollowUps(messages);
        body.set("format", prompt.schema().schema());
        body.put("stream", false);
        return body;
    }

    private static ModelReply reply(String text) {
        JsonNode answer;
        try {
            answer = JsonApi.JSON.readTree(text);
        } catch (Exception e) {
            throw new TransientFailure("ollama sent a response that is not JSON", e);
        }
        if (!answer.path("message").isObject()) {
            throw new TransientFailure("ollama sent a response without a message");
        }
        return new ModelReply(answer.path("message").path("content").asText(""),
                answer.path("done_reason").asText("").equals("length"));
    }
}
