package app.goblina.testkit.fakes.openai;

import app.goblina.testkit.fakes.video.Reply;
import app.goblina.testkit.fakes.llm.JsonSchemaRules;
import java.math.BigDecimal;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code POST /chat/completions} refuses, checked the way OpenAI checks it: unknown arguments, a missing model
 * or messages, malformed content parts and images, and a {@code json_schema} response format that breaks strict
 * mode. Each refusal is the 400 OpenAI would send.
 */
final class ChatCompletionsContract {

    private static final Set<String> ARGUMENTS = Set.of("model", "messages", "response_format",
            "max_completion_tokens", "max_tokens", "temperature", "top_p", "n", "seed", "stop", "user", "metadata",
            "store", "stream", "stream_options", "reasoning_effort", "verbosity", "frequency_penalty",
            "presence_penalty", "logprobs", "top_logprobs", "logit_bias", "tools", "tool_choice",
            "parallel_tool_calls", "service_tier", "modalities", "audio", "prediction", "prompt_cache_key",
            "safety_identifier");
    private static final Set<String> ROLES = Set.of("system", "developer", "user", "assistant", "tool");
    private static final Set<String> DETAILS = Set.of("low", "high", "auto");
    private static final Pattern DATA_URL = Pattern.compile("data:(image/(?:png|jpeg|gif|webp));base64,(.+)", Pattern.DOTALL);
    private static final Pattern SCHEMA_NAME = Pattern.compile("[a-zA-Z0-9_-]{1,64}");

    private ChatCompletionsContract() {
    }

    /** The 400 OpenAI would answer to {@code body}, or empty when it is acceptable. */
    static Optional<Reply> refusal(Map<String, Object> body) {
        for (String argument : body.keySet()) {
            if (!ARGUMENTS.contains(argument)) {
                return refuse("Unrecognized request argument supplied: " + argument, null, null);
            }
        }
        if (!(body.get("model") instanceof String model) || model.isBlank()) {
            return refuse("you must provide a model parameter", null, null);
        }
        if (!(body.get("messages") instanceof List<?> messages) || messages.isEmpty()) {
            return refuse("[] is too short - 'messages'", "messages", "empty_array");
        }
        for (int i = 0; i < messages.size(); i++) {
            Optional<Reply> problem = message(messages.get(i), "messages[" + i + "]");
            if (problem.isPresent()) {
                return problem;
            }
        }
        Object max = body.get("max_completion_tokens");
        if (max != null && !(max instanceof BigDecimal n && n.signum() > 0 && n.stripTrailingZeros().scale() <= 0)) {
            return refuse("Invalid 'max_completion_tokens': expected a positive integer.", "max_completion_tokens",
                    "invalid_value");
        }
        return responseFormat(body.get("response_format"));
    }

    private static Optional<Reply> message(Object raw, String where) {
        if (!(raw instanceof Map<?, ?> message)) {
            return refuse("Invalid type for '" + where + "': expected an object.", where, "invalid_type");
        }
        if (!ROLES.contains(String.valueOf(message.get("role")))) {
            return refuse("Invalid value: '" + message.get("role") + "'. Supported values are: 'system', "
                    + "'assistant', 'user', 'tool', 'function' and 'developer'.", where + ".role", "invalid_value");
        }
        Object content = message.get("content");
        if (content instanceof String) {
            return Optional.empty();
        }
        if (!(content instanceof List<?> parts) || parts.isEmpty()) {
            return refuse("Invalid type for '" + where + ".content': expected one of a string or array of objects.",
                    where + ".content", "invalid_type");
        }
        for (int j = 0; j < parts.size(); j++) {
            Optional<Reply> problem = part(parts.get(j), String.valueOf(message.get("role")),
                    where + ".content[" + j + "]");
            if (problem.isPresent()) {
                return problem;
            }
        }
        return Optional.empty();
    }

    private static Optional<Reply> part(Object raw, String role, String where) {
        if (!(raw instanceof Map<?, ?> part)) {
            return refuse("Invalid type for '" + where + "': expected an object.", where, "invalid_type");
        }
        Object type = part.get("type");
        if ("text".equals(type)) {
            return part.get("text") instanceof String ? Optional.empty()
                    : refuse("Missing required parameter: '" + where + ".text'.", where + ".text", "missing_required_parameter");
        }
        if (!"image_url".equals(type)) {
            return refuse("Invalid value: '" + type + "'. Supported values are: 'text', 'image_url', 'input_audio', "
                    + "'refusal', 'audio', and 'file'.", where + ".type", "invalid_value");
        }
        if (!"user".equals(role)) {
            return refuse("Image URLs are only allowed for messages with role 'user', but this message with role '"
                    + role + "' contains an image URL.", where, "invalid_value");
        }
        if (!(part.get("image_url") instanceof Map<?, ?> image) || !(image.get("url") instanceof String url)) {
            return refuse("Missing required parameter: '" + where + ".image_url.url'.", where + ".image_url.url",
                    "missing_required_parameter");
        }
        Object detail = image.get("detail");
        if (detail != null && !DETAILS.contains(String.valueOf(detail))) {
            return refuse("Invalid value: '" + detail + "'. Supported values are: 'auto', 'low', and 'high'.",
                    where + ".image_url.detail", "invalid_value");
        }
        if (url.startsWith("https://") || url.startsWith("http://")) {
            return Optional.empty();
        }
        Matcher data = DATA_URL.matcher(url);
        if (!data.matches()) {
            return refuse("Invalid image URL: expected a URL or a base64 data URL of a PNG, JPEG, GIF or WebP image.",
                    where + ".image_url.url", "invalid_image_url");
        }
        try {
            Base64.getDecoder().decode(data.group(2));
        } catch (IllegalArgumentException e) {
            return refuse("Invalid base64 image_url.", where + ".image_url.url", "invalid_image_url");
        }
        return Optional.empty();
    }

    @SuppressWarnings("unchecked")
    private static Optional<Reply> responseFormat(Object raw) {
        if (raw == null) {
            return Optional.empty();
        }
        if (!(raw instanceof Map<?, ?> format)) {
            return refuse("Invalid type for 'response_format': expected an object.", "response_format", "invalid_type");
        }
        Object type = format.get("type");
        if ("text".equals(type) || "json_object".equals(type)) {
            return Optional.empty();
        }
        if (!"json_schema".equals(type)) {
            return refuse("Invalid value: '" + type + "'. Supported values are: 'json_object', 'json_schema', and "
                    + "'text'.", "response_format.type", "invalid_value");
        }
        if (!(format.get("json_schema") instanceof Map<?, ?> jsonSchema)) {
            return refuse("Missing required parameter: 'response_format.json_schema'.", "response_format.json_schema",
                    "missing_required_parameter");
        }
        if (!(jsonSchema.get("name") instanceof String name) || !SCHEMA_NAME.matcher(name).matches()) {
            return refuse("Invalid 'response_format.json_schema.name': string does not match pattern. Expected a "
                    + "string that matches the pattern '^[a-zA-Z0-9_-]+$'.", "response_format.json_schema.name",
                    "invalid_value");
        }
        if (!(jsonSchema.get("schema") instanceof Map<?, ?> schema)) {
            return refuse("Missing required parameter: 'response_format.json_schema.schema'.",
                    "response_format.json_schema.schema", "missing_required_parameter");
        }
        if (Boolean.TRUE.equals(jsonSchema.get("strict"))) {
            List<String> problems = JsonSchemaRules.openAiStrict((Map<String, Object>) schema);
            if (!problems.isEmpty()) {
                return refuse("Invalid schema for response_format '" + name + "': " + problems.get(0),
                        "response_format", null);
            }
        }
        return Optional.empty();
    }

    private static Optional<Reply> refuse(String message, String param, String code) {
        return Optional.of(OpenAiReplies.invalidRequest(message, param, code));
    }
}
