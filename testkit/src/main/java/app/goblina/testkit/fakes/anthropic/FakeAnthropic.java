package app.goblina.testkit.fakes.anthropic;

import app.goblina.testkit.fakes.llm.FakeHttpServer;
import app.goblina.testkit.fakes.video.Reply;
import app.goblina.testkit.fakes.llm.RecordedRequest;
import app.goblina.testkit.fakes.llm.ScriptedLlmFake;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * A fake Anthropic API on a loopback port, for {@code POST /v1/messages}. Use its {@link #baseUrl()} as the
 * adapter's base URL.
 *
 * <p>Like the real service it wants {@code x-api-key} (401 {@code authentication_error} otherwise) and
 * {@code anthropic-version: 2023-06-01} (400 without it), requires {@code max_tokens}, refuses extra fields and
 * output schemas with open objects. By default it answers a sample of {@code output_config.format.schema} as one
 * text block with {@code stop_reason: end_turn}. The {@code next…} methods script one call each.
 */
public final class FakeAnthropic extends ScriptedLlmFake {

    public static final String MESSAGES = "/v1/messages";
    public static final String VERSION = "2023-06-01";

    private final String key;

    private FakeAnthropic(String key) {
        super(FakeHttpServer.create(request -> AnthropicReplies.error(404, "not_found_error", "Not found")), MESSAGES);
        this.key = key;
        http.route("POST", MESSAGES, this::messages).start();
    }

    /** Starts a fake that accepts only {@code key}. */
    public static FakeAnthropic start(String key) {
        return new FakeAnthropic(key);
    }

    @Override
    public Optional<String> acceptedKey() {
        return Optional.of(key);
    }

    /** The last request to {@code /v1/messages}, headers included. */
    public Optional<RecordedRequest> lastRequest() {
        return http.last(MESSAGES);
    }

    @Override
    public FakeAnthropic nextRateLimited(Duration retryAfter) {
        enqueue((body, normal) -> AnthropicReplies.rateLimited().withHeader("retry-after", wholeSeconds(retryAfter)));
        return this;
    }

    /** Next call: 529 {@code overloaded_error}. */
    public FakeAnthropic nextOverloaded() {
        enqueue((body, normal) -> AnthropicReplies.overloaded());
        return this;
    }

    /** Next call: the 429 of an organisation past its spend limit. */
    public FakeAnthropic nextSpendLimitReached() {
        enqueue((body, normal) -> AnthropicReplies.spendLimitReached());
        return this;
    }

    /** Next call: the 400 of an account without credit. */
    public FakeAnthropic nextCreditTooLow() {
        enqueue((body, normal) -> AnthropicReplies.creditTooLow());
        return this;
    }

    @Override
    public FakeAnthropic nextServerError() {
        enqueue((body, normal) -> AnthropicReplies.serverError());
        return this;
    }

    /** Next call: 401 as if the key had been revoked since. */
    public FakeAnthropic nextUnauthorized() {
        enqueue((body, normal) -> AnthropicReplies.error(401, "authentication_error", "invalid x-api-key"));
        return this;
    }

    @Override
    public FakeAnthropic nextRefusal(String words) {
        enqueue((body, normal) -> AnthropicReplies.message(model(body), words, "refusal"));
        return this;
    }

    /** Next call: {@code stop_reason: max_tokens} with the first half of a valid answer. */
    @Override
    public FakeAnthropic nextCutOffAtLengthLimit() {
        enqueue((body, normal) -> {
            String full = defaultContent(body);
            return AnthropicReplies.message(model(body), full.substring(0, full.length() / 2), "max_tokens");
        });
        return this;
    }

    @Override
    protected Reply answer(Map<String, Object> body, String content) {
        return AnthropicReplies.message(model(body), content, "end_turn");
    }

    @Override
    @SuppressWarnings("unchecked")
    protected Map<String, Object> schemaOf(Map<String, Object> body) {
        if (body.get("output_config") instanceof Map<?, ?> config && config.get("format") instanceof Map<?, ?> format
                && format.get("schema") instanceof Map<?, ?> schema) {
            return (Map<String, Object>) schema;
        }
        return Map.of();
    }

    private Reply messages(RecordedRequest request) {
        Optional<String> given = request.header("x-api-key");
        if (given.isEmpty()) {
            return AnthropicReplies.error(401, "authentication_error", "x-api-key header is required");
        }
        if (!given.get().equals(key)) {
            return AnthropicReplies.error(401, "authentication_error", "invalid x-api-key");
        }
        Optional<String> version = request.header("anthropic-version");
        if (version.isEmpty()) {
            return AnthropicReplies.invalidRequest("anthropic-version: header is required");
        }
        if (!version.get().equals(VERSION) && !version.get().equals("2023-01-01")) {
            return AnthropicReplies.invalidRequest("anthropic-version: invalid version '" + version.get() + "'");
        }
        Map<String, Object> body;
        try {
            body = request.json();
        } catch (IllegalArgumentException e) {
            return AnthropicReplies.invalidRequest("There was an error parsing the body: " + e.getMessage());
        }
        return MessagesContract.refusal(body).orElseGet(() -> chat(body));
    }

    private static String model(Map<String, Object> body) {
        return String.valueOf(body.get("model"));
    }
}
