package app.goblina.worker.providers.openai;

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
 * {@code POST /chat/completions} with a strict {@code json_schema} response format; the image goes as a
 * {@code data:} URL. A {@code refusal} or a {@code content_filter} finish is permanent and carries OpenAI's words;
 * a {@code length} finish is an answer cut short, left to the repair path.
 *
 * <p>Blocking; see {@link StructuredChat} for what it throws.
 */
final class OpenAiChat implements StructuredChat {

    static final String PATH = "/chat/completions";

    private final JsonApi api;
    private final String imageDetail;
    private final int maxOutputTokens;

    /**
     * @param imageDetail     the {@code detail} of an attached image: {@code low}, {@code high} or {@code auto}
     * @param maxOutputTokens the {@code max_completion_tokens} every request carries
     */
    OpenAiChat(JsonApi api, String imageDetail, int maxOutputTokens) {
        this.api = api;
        this.imageDetail = imageDetail;
        this.maxOutputTokens = maxOutputTokens;
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
        ObjectNode user = messages.addObject().put("role", "user");
        ArrayNode parts = user.putArray("content");
        parts.addObject().put("type", "text").put("text", prompt.request());
        prompt.attachedImage().ifPresent(image -> parts.addObject().put("type", "image_url")
                .putObject("image_url").put("url", ImageEncoding.dataUrl(image))
                .put("detail", imageDetail));
        conversation.appendFollowUps(messages);
        ObjectNode schema = body.putObject("response_format").put("type", "json_schema").putObject("json_schema");
        schema.put("name", prompt.schema().name());
        schema.set("schema", prompt.schema().schema());
        schema.put("strict", true);
        body.put("max_completion_tokens", maxOutputTokens);
        return body;
    }

    private ModelReply reply(String text) {
        JsonNode choice;
        try {
            choice = JsonApi.JSON.readTree(text).path("choices").path(0);
        } catch (Exception e) {
            throw new TransientFailure("openai sent a chat response that is not JSON", e);
        }
        if (choice.isMissingNode()) {
            throw new TransientFailure("openai sent a chat response without choices");
        }
        JsonNode message = choice.path("message");
        String refusal = message.path("refusal").asText("");
        String finish = choice.path("finish_reason").asText("");
        if (!refusal.isBlank()) {
            throw new PermanentFailure("openai declined: " + VendorMessage.clean(refusal, null));
        }
        if (finish.equals("content_filter")) {
            throw new PermanentFailure("openai's content filter stopped the answer");
        }
        return new ModelReply(message.path("content").asText(""), finish.equals("length"));
    }
}
