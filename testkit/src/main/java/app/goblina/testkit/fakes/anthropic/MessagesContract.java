package app.goblina.testkit.fakes.anthropic;

import app.goblina.testkit.fakes.video.Reply;
import app.goblina.testkit.fakes.llm.JsonSchemaRules;
import java.math.BigDecimal;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What {@code POST /v1/messages} refuses, the way Anthropic words it: extra fields, a missing model, max_tokens or
 * messages, a {@code system} role inside messages, empty text blocks, images that are not base64 JPEG, PNG, GIF or
 * WebP, and an output format whose objects are left open.
 */
final class MessagesContract {

    private static final Set<String> FIELDS = Set.of("model", "messages", "max_tokens", "system", "temperature",
            "top_p", "top_k", "stop_sequences", "stream", "metadata", "tools", "tool_choice", "thinking",
            "output_config", "service_tier", "container", "mcp_servers", "context_management");
    private static final Set<String> MEDIA_TYPES = Set.of("image/jpeg", "image/png", "image/gif", "image/webp");

    private MessagesContract() {
    }

    /** The 400 Anthropic would answer to {@code body}, or empty when it is acceptable. */
    static Optional<Reply> refusal(Map<String, Object> body) {
        for (String field : body.keySet()) {
            if (!FIELDS.contains(field)) {
                return refuse(field + ": Extra inputs are not permitted");
            }
        }
        if (!(body.get("model") instanceof String model) || model.isBlank()) {
            return refuse("model: Field required");
        }
        if (!body.containsKey("max_tokens")) {
            return refuse("max_tokens: Field required");
        }
        if (!(body.get("max_tokens") instanceof BigDecimal max) || max.signum() <= 0 || max.stripTrailingZeros().scale() > 0) {
            return refuse("max_tokens: Input should be a valid positive integer");
        }
        if (!(body.get("messages") instanceof List<?> messages) || messages.isEmpty()) {
            return refuse("messages: at least one message is required");
        }
        for (int i = 0; i < messages.size(); i++) {
            Optional<Reply> problem = message(messages.get(i), "messages." + i);
            if (problem.isPresent()) {
                return problem;
            }
        }
        return outputConfig(body.get("output_config"));
    }

    private static Optional<Reply> message(Object raw, String where) {
        if (!(raw instanceof Map<?, ?> message)) {
            return refuse(where + ": Input should be a valid dictionary");
        }
        Object role = message.get("role");
        if ("system".equals(role)) {
            return refuse(where + ".role: Unexpected role \"system\". The Messages API accepts a top-level `system` "
                    + "parameter, not \"system\" as an input message role.");
        }
        if (!"user".equals(role) && !"assistant".equals(role)) {
            return refuse(where + ".role: Input should be 'user' or 'assistant'");
        }
        Object content = message.get("content");
        if (content instanceof String text) {
            return text.isEmpty() ? refuse(where + ": text content blocks must be non-empty") : Optional.empty();
        }
        if (!(content instanceof List<?> blocks) || blocks.isEmpty()) {
            return refuse(where + ".content: Input should be a valid list");
        }
        for (int j = 0; j < blocks.size(); j++) {
            Optional<Reply> problem = block(blocks.get(j), where + ".content." + j);
            if (problem.isPresent()) {
                return problem;
            }
        }
        return Optional.empty();
    }

    private static Optional<Reply> block(Object raw, String where) {
        if (!(raw instanceof Map<?, ?> block)) {
            return refuse(where + ": Input should be a valid dictionary");
        }
        Object type = block.get("type");
        if ("text".equals(type)) {
            return block.get("text") instanceof String text && !text.isEmpty() ? Optional.empty()
                    : refuse(where + ": text content blocks must be non-empty");
        }
        if (!"image".equals(type)) {
            return refuse(where + ".type: Input tag '" + type + "' found using 'type' does not match any of the "
                    + "expected tags: 'text', 'image', 'document', 'tool_use', 'tool_result'");
        }
        if (!(block.get("source") instanceof Map<?, ?> source) || !"base64".equals(source.get("type"))) {
            return refuse(where + ".source: Input should be a base64, url or file image source");
        }
        if (!MEDIA_TYPES.contains(String.valueOf(source.get("media_type")))) {
            return refuse(where + ".source.media_type: Input should be 'image/jpeg', 'image/png', 'image/gif' or "
                    + "'image/webp'");
        }
        try {
            Base64.getDecoder().decode(String.valueOf(source.get("data")));
        } catch (IllegalArgumentException e) {
            return refuse(where + ".source.data: The image data is not valid base64.");
        }
        return Optional.empty();
    }

    @SuppressWarnings("unchecked")
    private static Optional<Reply> outputConfig(Object raw) {
        if (raw == null) {
            return Optional.empty();
        }
        if (!(raw instanceof Map<?, ?> config) || !(config.get("format") instanceof Map<?, ?> format)) {
            return refuse("output_config.format: Field required");
        }
        if (!"json_schema".equals(format.get("type"))) {
            return refuse("output_config.format.type: Input should be 'json_schema'");
        }
        if (!(format.get("schema") instanceof Map<?, ?> schema)) {
            return refuse("output_config.format.schema: Field required");
        }
        List<String> problems = JsonSchemaRules.anthropic((Map<String, Object>) schema);
        return problems.isEmpty() ? Optional.empty()
                : refuse("output_config.format.schema: For 'object' type, 'additionalProperties' must be explicitly "
                        + "set to false");
    }

    private static Optional<Reply> refuse(String message) {
        return Optional.of(AnthropicReplies.invalidRequest(message));
    }
}
