package app.goblina.testkit.fakes.openai;

import app.goblina.testkit.fakes.FakeJson;
import app.goblina.testkit.fakes.video.Reply;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The shapes of OpenAI's replies: errors as {@code {"error":{message,type,param,code}}}, chat completions. */
public final class OpenAiReplies {

    private OpenAiReplies() {
    }

    /** An error reply in OpenAI's shape; {@code param} and {@code code} may be null. */
    public static Reply error(int status, String message, String type, String param, String code) {
        return Reply.json(status, FakeJson.write(FakeJson.object("error",
                        FakeJson.object("message", message, "type", type, "param", param, "code", code))))
                .withHeader("x-request-id", "req_" + UUID.randomUUID().toString().replace("-", ""));
    }

    public static Reply invalidRequest(String message, String param, String code) {
        return error(400, message, "invalid_request_error", param, code);
    }

    public static Reply unparseable() {
        return invalidRequest("We could not parse the JSON body of your request. (HINT: This likely means you aren't "
                + "using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not "
                + "valid JSON. If you have trouble figuring out how to fix this, please contact us through our help "
                + "center at help.openai.com.)", null, null);
    }

    public static Reply missingKey() {
        return error(401, "You didn't provide an API key. You need to provide your API key in an Authorization header "
                + "using Bearer auth (i.e. Authorization: Bearer YOUR_KEY), or as the password field (with blank "
                + "username) if you're accessing the API from your browser and are prompted for a username and "
                + "password. You can obtain an API key from https://platform.openai.com/account/api-keys.",
                "invalid_request_error", null, null);
    }

    /** As OpenAI words it, the refused key appears partly masked in the message. */
    public static Reply incorrectKey(String given) {
        String masked = given.length() <= 8 ? "****"
                : given.substring(0, 3) + "*".repeat(given.length() - 7) + given.substring(given.length() - 4);
        return error(401, "Incorrect API key provided: " + masked + ". You can find your API key at "
                + "https://platform.openai.com/account/api-keys.", "invalid_request_error", null, "invalid_api_key");
    }

    public static Reply rateLimited(String model) {
        return error(429, "Rate limit reached for " + model + " in organization org-fake on requests per min (RPM): "
                + "Limit 3, Used 3, Requested 1. Please try again in 20s.", "requests", null, "rate_limit_exceeded");
    }

    public static Reply insufficientQuota() {
        return error(429, "You exceeded your current quota, please check your plan and billing details. For more "
                + "information on this error, read the docs: https://platform.openai.com/docs/guides/error-codes/api-errors.",
                "insufficient_quota", null, "insufficient_quota");
    }

    public static Reply serverError() {
        return error(500, "The server had an error while processing your request. Sorry about that!",
                "server_error", null, null);
    }

    /** A chat completion with one choice. {@code content} and {@code refusal} may be null. */
    public static Reply completion(String model, String content, String refusal, String finishReason) {
        Map<String, Object> message = FakeJson.object("role", "assistant", "content", content, "refusal", refusal,
                "annotations", List.of());
        return Reply.json(200, FakeJson.write(FakeJson.object(
                "id", "chatcmpl-" + UUID.randomUUID().toString().replace("-", ""),
                "object", "chat.completion",
                "created", Instant.now().getEpochSecond(),
                "model", model,
                "choices", List.of(FakeJson.object("index", 0, "message", message, "logprobs", null,
                        "finish_reason", finishReason)),
                "usage", FakeJson.object("prompt_tokens", 120, "completion_tokens", content == null ? 0 : content.length() / 4,
                        "total_tokens", 120 + (content == null ? 0 : content.length() / 4)),
                "system_fingerprint", "fp_fake")));
    }
}
