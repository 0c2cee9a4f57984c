package app.goblina.worker.providers.anthropic;

import app.goblina.failures.PermanentFailure;
import app.goblina.failures.TransientFailure;
import app.goblina.worker.providers.http.JsonApi;
import app.goblina.worker.providers.http.VendorMessage;
import app.goblina.worker.providers.llm.ImageEncoding;
import app.goblina.worker.providers.llm.ModelConversation;
import app.goblina.worker.providers.llm.ModelReply;
import app.goblina.worker.providers.llm.StructuredChat;
import app.goblina.worker.providers.llm.StructuredPrompt;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code POST /v1/messages} with structured output ({@code output_config.format} of type {@code json_schema}); the
 * image goes as a base64 image block before the text, the instructions as the top-level {@code system}. A
 * {@code refusal} stop is permanent and carries Claude's words; a {@code max_tokens} stop is an answer cut short,
 * left to the repair path.
 *
 * <p>Blocking; see {@link StructuredChat} for what it throws.
 */
final class AnthropicMessages implements StructuredChat {

    static final String PATH = "/v1/messages";

    private final JsonApi api;
    private final int maxTokens;

    /**
     * @param maxTokens the {@code max_tokens} every request carries, which Anthropic requires
     */
    AnthropicMessages(JsonApi api, int maxTokens) {
        this.api = api;
        this.maxTokens = maxTokens;
    }

    @Override
    public ModelReply complete(String model, ModelConversation conversation) {
        return reply(api.postForText(PATH, body(model, conversation), model));
    }

    private ObjectNode body(String model, ModelConversation conversation) {
        StructuredPrompt prompt = conversation.prompt();
        ObjectNode body = JsonApi.JSON.createObjectNode()
                .put("model", model)
                .put("max_tokens", maxTokens)
                .put("system", prompt.instructions());
        ArrayNode messages = body.putArray("messages");
        ArrayNode first = messages.addObject().put("role", "user").putArray("content");
        // Anthropic's advice: the image before the text that refers to it
        prompt.attachedImage().ifPresent(image -> first.addObject().put("type", "image").putObject("source")
                .put("type", "base64").put("media_type", image.mediaType()).put("data", ImageEncoding.base64(image)));
        first.addObject().put("type", "text").put("text", prompt.request());
        conversation.appendFollowUps(messages);
        body.putObject("output_config").putObject("format").put("type", "json_schema")
                .set("schema", prompt.schema().schema());
        return body;
    }

    private static ModelReply reply(String text) {
        JsonNode message;
        try {
            message = JsonApi.JSON.readTree(text);
        } catch (Exception e) {
            throw new TransientFailure("anthropic sent a response that is not JSON", e);
        }
        StringBuilder content = new StringBuilder();
        for (JsonNode block : message.path("content")) {
            if (block.path("type").asText().equals("text")) {
                content.append(block.path("text").asText(""));
            }
        }
        String stop = message.path("stop_reason").asText("");
        if (stop.equals("refusal")) {
            String words = VendorMessage.clean(content.toString(), null);
            throw new PermanentFailure("anthropic declined" + (words.isEmpty() ? " to answer" : ": " + words));
        }
        return new ModelReply(content.toString(), stop.equals("max_tokens"));
    }
}
