package app.goblina.testkit.fakes.anthropic;

import app.goblina.testkit.fakes.FakeJson;
import app.goblina.testkit.fakes.video.Reply;
import java.util.List;
import java.util.UUID;

/** The shapes of Anthropic's replies: errors as {@code {"type":"error","error":{type,message}}}, messages. */
public final class AnthropicReplies {

    private AnthropicReplies() {
    }

    /** An error reply in Anthropic's shape. */
    public static Reply error(int status, String type, String message) {
        return Reply.json(status, FakeJson.write(FakeJson.object("type", "error",
                        "error", FakeJson.object("type", type, "message", message))))
                .withHeader("request-id", requestId());
    }

    public static Reply invalidRequest(String message) {
        return error(400, "invalid_request_error", message);
    }

    public static Reply rateLimited() {
        return error(429, "rate_limit_error", "This request would exceed the rate limit for your organization of "
                + "50 requests per minute. For details, refer to: https://docs.claude.com/en/api/rate-limits.");
    }

    /** The 429 no wait cures: the organisation's spend limit is reached. */
    public static Reply spendLimitReached() {
        return error(429, "rate_limit_error", "You have reached your specified API usage limits (spend limit). "
                + "You will regain access on the first of next month or after raising the limit in Plans & Billing.");
    }

    public static Reply creditTooLow() {
        return invalidRequest("Your credit balance is too low to access the Anthropic API. Please go to Plans & "
                + "Billing to upgrade or purchase credits.");
    }

    public static Reply overloaded() {
        return error(529, "overloaded_error", "Overloaded");
    }

    public static Reply serverError() {
        return error(500, "api_error", "Internal server error");
    }

    /** A message with one text block. */
    public static Reply message(String model, String text, String stopReason) {
        List<Object> content = text == null ? List.of() : List.of(FakeJson.object("type", "text", "text", text));
        return Reply.json(200, FakeJson.write(FakeJson.object(
                        "id", "msg_" + UUID.randomUUID().toString().replace("-", ""),
                        "type", "message",
                        "role", "assistant",
                        "model", model,
                        "content", content,
                        "stop_reason", stopReason,
                        "stop_sequence", null,
                        "usage", FakeJson.object("input_tokens", 1200, "output_tokens",
                                text == null ? 0 : text.length() / 4))))
                .withHeader("request-id", requestId());
    }

    private static String requestId() {
        return "req_" + UUID.randomUUID().toString().replace("-", "");
    }
}
