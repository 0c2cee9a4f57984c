package app.goblina.worker.providers.openai;

import app.goblina.failures.PermanentFailure;
import app.goblina.failures.TransientFailure;
import app.goblina.worker.providers.http.CappedBodies;
import app.goblina.worker.providers.http.VendorMessage;
import app.goblina.worker.providers.llm.ImageEncoding;
import app.goblina.worker.providers.llm.ModelConversation;
import app.goblina.worker.providers.llm.ModelReply;
import app.goblina.worker.providers.llm.StructuredModel;
import app.goblina.worker.providers.llm.StructuredPrompt;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;

/**
 * {@code POST /chat/completions} with a strict {@code json_schema} response format; the image goes as a
 * {@code data:} URL. A {@code refusal} or a {@code content_filter} finish is permanent and carries OpenAI's words;
 * a {@code length} finish is an answer cut short, left to the repair path.
 *
 * <p>Blocking; see {@link StructuredModel} for what it throws.
 */
final class OpenAiChat implements StructuredModel {

    static final String PATH = "/chat/completions";

    private final OpenAiApi api;
    private final String model;

    OpenAiChat(OpenAiApi api, String model) {
        this.api = api;
        this.model = model;
    }

    @Override
    public ModelReply complete(ModelConversation conversation) {
        OpenAiConfig config = api.config();
        HttpResponse<String> response = api.http().send(api.post(PATH, body(conversation)).build(),
                CappedBodies.text(config.maxResponseBytes()), api.rules(), config.requestTimeout(), model);
        return reply(response.body());
    }

    private ObjectNode body(ModelConversation conversation) {
        StructuredPrompt prompt = conversation.prompt();
        ObjectNode body = OpenAiApi.JSON.createObjectNode().put("model", model);
        ArrayNode messages = body.putArray("messages");
        messages.addObject().put("role", "system").put("content", prompt.instructions());
        ObjectNode user = messages.addObject().put("role", "user");
        ArrayNode parts = user.putArray("content");
        parts.addObject().put("type", "text").put("text", prompt.request());
        prompt.attachedImage().ifPresent(image -> parts.addObject().put("type", "image_url")
                .putObject("image_url").put("url", ImageEncoding.dataUrl(image))
                .put("detail", api.config().imageDetail()));
        for (ModelConversation.Turn turn : conversation.followUps()) {
            messages.addObject().put("role", turn.role() == ModelConversation.Role.MODEL ? "assistant" : "user")
                    .put("content", turn.text());
        }
        ObjectNode schema = body.putObject("response_format").put("type", "json_schema").putObject("json_schema");
        schema.put("name", prompt.schema().name());
        schema.set("schema", prompt.schema().schema());
        schema.put("strict", true);
        body.put("max_completion_tokens", api.config().maxOutputTokens());
        return body;
    }

    private ModelReply reply(String text) {
        JsonNode choice;
        try {
            choice = OpenAiApi.JSON.readTree(text).path("choices").path(0);
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
