package app.goblina.testkit.fakes.openai;

import app.goblina.testkit.fakes.llm.FakeHttpServer;
import app.goblina.testkit.fakes.video.Reply;
import app.goblina.testkit.fakes.llm.RecordedRequest;
import app.goblina.testkit.fakes.llm.ScriptedLlmFake;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * A fake OpenAI API on a loopback port, for {@code POST /chat/completions} and {@code POST /audio/speech}. Use its
 * {@link #baseUrl()} as the adapter's base URL (the real one ends in {@code /v1}; the fake serves at the root).
 *
 * <p>Like the real service it wants {@code Authorization: Bearer <key>} (401 in OpenAI's shape otherwise),
 * refuses unknown arguments and strict json_schema formats that leave an object open or a property optional, and
 * refuses speech input over 4096 characters. By default a chat answers a sample of the requested schema and speech
 * answers audio: a WAV tone for {@code wav}, raw PCM for {@code pcm}, silent MP3 frames for {@code mp3}, and WAV
 * bytes under the right content type for {@code opus}, {@code aac} and {@code flac} (the fake does not encode
 * those). The {@code next…} methods script one call each; error scripts apply to whichever endpoint comes next.
 */
public final class FakeOpenAi extends ScriptedLlmFake {

    public static final String CHAT = "/chat/completions";
    public static final String SPEECH = "/audio/speech";

    private final String key;

    private FakeOpenAi(String key) {
        super(FakeHttpServer.create(request -> OpenAiReplies.error(404, "Invalid URL (" + request.method() + " "
                + request.path() + ")", "invalid_request_error", null, null)), CHAT);
        this.key = key;
        http.route("POST", CHAT, this::chatCompletions).route("POST", SPEECH, this::speech).start();
    }

    /** Starts a fake that accepts only {@code key}. */
    public static FakeOpenAi start(String key) {
        return new FakeOpenAi(key);
    }

    @Override
    public Optional<String> acceptedKey() {
        return Optional.of(key);
    }

    /** How many requests reached {@code /audio/speech}. */
    public int speechCalls() {
        return http.calls(SPEECH);
    }

    /** The last body sent to {@code /audio/speech}. */
    public Optional<Map<String, Object>> lastSpeechBody() {
        return http.last(SPEECH).map(RecordedRequest::json);
    }

    /** The last request sent to {@code /audio/speech}, headers included. */
    public Optional<RecordedRequest> lastSpeechRequest() {
        return http.last(SPEECH);
    }

    @Override
    public FakeOpenAi nextRateLimited(Duration retryAfter) {
        enqueue((body, normal) -> OpenAiReplies.rateLimited(model(body)).withHeader("retry-after", wholeSeconds(retryAfter)));
        return this;
    }

    /** Next call: 429 carrying both {@code retry-after-ms} and a rounded-up {@code retry-after}, as OpenAI sends. */
    public FakeOpenAi nextRateLimitedMillis(long millis) {
        enqueue((body, normal) -> OpenAiReplies.rateLimited(model(body))
                .withHeader("retry-after-ms", Long.toString(millis))
                .withHeader("retry-after", wholeSeconds(Duration.ofMillis(millis))));
        return this;
    }

    /** Next call: 429 {@code insufficient_quota}, the one 429 that waiting does not cure. */
    public FakeOpenAi nextInsufficientQuota() {
        enqueue((body, normal) -> OpenAiReplies.insufficientQuota());
        return this;
    }

    @Override
    public FakeOpenAi nextServerError() {
        enqueue((body, normal) -> OpenAiReplies.serverError());
        return this;
    }

    /** Next call: 401 as if the key had been revoked since. */
    public FakeOpenAi nextUnauthorized() {
        enqueue((body, normal) -> OpenAiReplies.incorrectKey(key));
        return this;
    }

    /** Next call: any OpenAI-shaped error. */
    public FakeOpenAi nextError(int status, String type, String code, String message) {
        enqueue((body, normal) -> OpenAiReplies.error(status, message, type, null, code));
        return this;
    }

    @Override
    public FakeOpenAi nextRefusal(String words) {
        enqueue((body, normal) -> OpenAiReplies.completion(model(body), null, words, "stop"));
        return this;
    }

    /** Next chat: stopped by the content filter, with no content. */
    public FakeOpenAi nextContentFilter() {
        enqueue((body, normal) -> OpenAiReplies.completion(model(body), null, null, "content_filter"));
        return this;
    }

    /** Next chat: {@code finish_reason: length} with the first half of a valid answer. */
    @Override
    public FakeOpenAi nextCutOffAtLengthLimit() {
        enqueue((body, normal) -> {
            String full = defaultContent(body);
            return OpenAiReplies.completion(model(body), full.substring(0, full.length() / 2), null, "length");
        });
        return this;
    }

    /** Next speech: headers and half the audio at once, the rest only after {@code pause}. */
    public FakeOpenAi nextSpeechStallingMidway(Duration pause) {
        enqueue((body, normal) -> normal.get().stallingMidBody(pause));
        return this;
    }

    @Override
    protected Reply answer(Map<String, Object> body, String content) {
        return OpenAiReplies.completion(model(body), content, null, "stop");
    }

    @Override
    @SuppressWarnings("unchecked")
    protected Map<String, Object> schemaOf(Map<String, Object> body) {
        if (body.get("response_format") instanceof Map<?, ?> format
                && format.get("json_schema") instanceof Map<?, ?> jsonSchema
                && jsonSchema.get("schema") instanceof Map<?, ?> schema) {
            return (Map<String, Object>) schema;
        }
        return Map.of();
    }

    private Reply chatCompletions(RecordedRequest request) {
        Optional<Reply> unauthorised = authorised(request);
        if (unauthorised.isPresent()) {
            return unauthorised.get();
        }
        Optional<Map<String, Object>> body = parse(request);
        if (body.isEmpty()) {
            return OpenAiReplies.unparseable();
        }
        return ChatCompletionsContract.refusal(body.get()).orElseGet(() -> chat(body.get()));
    }

    private Reply speech(RecordedRequest request) {
        Optional<Reply> unauthorised = authorised(request);
        if (unauthorised.isPresent()) {
            return unauthorised.get();
        }
        Optional<Map<String, Object>> body = parse(request);
        if (body.isEmpty()) {
            return OpenAiReplies.unparseable();
        }
        return SpeechContract.refusal(body.get()).orElseGet(() -> scripted(body.get(), () -> audio(body.get())));
    }

    private static Reply audio(Map<String, Object> body) {
        String format = String.valueOf(body.getOrDefault("response_format", "mp3"));
        byte[] bytes = switch (format) {
            case "mp3" -> SpeechAudio.mp3(1000);
            case "pcm" -> SpeechAudio.pcm(1000);
            default -> SpeechAudio.wav(1000);
        };
        return Reply.bytes(200, SpeechContract.CONTENT_TYPES.get(format), bytes);
    }

    private Optional<Reply> authorised(RecordedRequest request) {
        Optional<String> header = request.header("Authorization");
        if (header.isEmpty() || !header.get().startsWith("Bearer ")) {
            return Optional.of(OpenAiReplies.missingKey());
        }
        String given = header.get().substring("Bearer ".length()).trim();
        return given.equals(key) ? Optional.empty() : Optional.of(OpenAiReplies.incorrectKey(given));
    }

    /** The body as a JSON object, or empty when it is not one. */
    private static Optional<Map<String, Object>> parse(RecordedRequest request) {
        try {
            return Optional.of(request.json());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String model(Map<String, Object> body) {
        return String.valueOf(body.get("model"));
    }
}
