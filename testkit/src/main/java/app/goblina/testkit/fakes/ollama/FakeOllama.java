package app.goblina.testkit.fakes.ollama;

import app.goblina.testkit.fakes.llm.FakeHttpServer;
import app.goblina.testkit.fakes.FakeJson;
import app.goblina.testkit.fakes.video.Reply;
import app.goblina.testkit.fakes.llm.RecordedRequest;
import app.goblina.testkit.fakes.llm.ScriptedLlmFake;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A fake Ollama server on a loopback port, for {@code POST /api/chat}. Use its {@link #baseUrl()} as the adapter's
 * base URL. It needs no key, like Ollama.
 *
 * <p>Like the real server it answers 404 {@code {"error":"model \"…\" not found, try pulling it first"}} for a
 * model it was not started with, 400 for a missing model or images that are not base64, and streams NDJSON unless
 * the request says {@code "stream": false}. By default it answers a sample of the {@code format} schema with
 * {@code done_reason: stop}. Ollama has no refusal signal: {@link #nextRefusal} answers the words as plain content.
 */
public final class FakeOllama extends ScriptedLlmFake {

    public static final String CHAT = "/api/chat";

    private final Set<String> models;

    private FakeOllama(Set<String> models) {
        super(FakeHttpServer.create(request -> Reply.bytes(404, "text/plain; charset=utf-8",
                "404 page not found".getBytes(StandardCharsets.UTF_8))), CHAT);
        this.models = models;
        http.route("POST", CHAT, this::chatRequest).start();
    }

    /** Starts a fake on which exactly {@code models} are pulled. */
    public static FakeOllama start(String... models) {
        return new FakeOllama(Set.of(models));
    }

    @Override
    public Optional<String> acceptedKey() {
        return Optional.empty();
    }

    /** Next call: 429 with {@code Retry-After}, as a rate-limiting proxy in front of Ollama answers. */
    @Override
    public FakeOllama nextRateLimited(Duration retryAfter) {
        enqueue((body, normal) -> error(429, "too many requests").withHeader("Retry-After", wholeSeconds(retryAfter)));
        return this;
    }

    /** Next call: 503, Ollama's answer when its request queue is full. */
    public FakeOllama nextBusy() {
        enqueue((body, normal) -> error(503, "server busy, please try again.  maximum pending requests exceeded"));
        return this;
    }

    @Override
    public FakeOllama nextServerError() {
        enqueue((body, normal) -> error(500, "llama runner process has terminated: exit status 2"));
        return this;
    }

    /** Ollama has no refusal signal: a model that declines answers prose. */
    @Override
    public boolean signalsRefusals() {
        return false;
    }

    @Override
    public FakeOllama nextRefusal(String words) {
        enqueue((body, normal) -> answer(body, words));
        return this;
    }

    /** Next call: {@code done_reason: length} with the first half of a valid answer. */
    @Override
    public FakeOllama nextCutOffAtLengthLimit() {
        enqueue((body, normal) -> {
            String full = defaultContent(body);
            return reply(body, full.substring(0, full.length() / 2), "length");
        });
        return this;
    }

    @Override
    protected Reply answer(Map<String, Object> body, String content) {
        return reply(body, content, "stop");
    }

    @Override
    @SuppressWarnings("unchecked")
    protected Map<String, Object> schemaOf(Map<String, Object> body) {
        return body.get("format") instanceof Map<?, ?> schema ? (Map<String, Object>) schema : Map.of();
    }

    private Reply chatRequest(RecordedRequest request) {
        Map<String, Object> body;
        try {
            body = request.json();
        } catch (IllegalArgumentException e) {
            return error(400, e.getMessage());
        }
        if (!(body.get("model") instanceof String model) || model.isBlank()) {
            return error(400, "model is required");
        }
        if (!models.contains(model)) {
            return error(404, "model \"" + model + "\" not found, try pulling it first");
        }
        if (!(body.get("messages") instanceof List<?> messages)) {
            return error(400, "messages is required");
        }
        for (Object message : messages) {
            Optional<Reply> problem = message(message);
            if (problem.isPresent()) {
                return problem.get();
            }
        }
        Object format = body.get("format");
        if (format != null && !"json".equals(format) && !(format instanceof Map)) {
            return error(400, "invalid format: expected \"json\" or a JSON schema");
        }
        return chat(body);
    }

    private static Optional<Reply> message(Object raw) {
        if (!(raw instanceof Map<?, ?> message) || !(message.get("role") instanceof String role)) {
            return Optional.of(error(400, "invalid message: expected an object with a role"));
        }
        if (!Set.of("system", "user", "assistant", "tool").contains(role)) {
            return Optional.of(error(400, "invalid role: " + role));
        }
        if (message.get("content") != null && !(message.get("content") instanceof String)) {
            return Optional.of(error(400, "json: cannot unmarshal array into Go struct field Message.messages.content "
                    + "of type string"));
        }
        if (message.get("images") instanceof List<?> images) {
            for (Object image : images) {
                try {
                    Base64.getDecoder().decode(String.valueOf(image));
                } catch (IllegalArgumentException e) {
                    return Optional.of(error(400, "illegal base64 data at input byte 0"));
                }
            }
        }
        return Optional.empty();
    }

    private static Reply reply(Map<String, Object> body, String content, String doneReason) {
        Map<String, Object> done = FakeJson.object(
                "model", body.get("model"),
                "created_at", Instant.now().toString(),
                "message", FakeJson.object("role", "assistant", "content", content),
                "done_reason", doneReason,
                "done", true,
                "total_duration", 1_200_000_000L,
                "load_duration", 20_000_000L,
                "prompt_eval_count", 300,
                "prompt_eval_duration", 200_000_000L,
                "eval_count", content.length() / 4,
                "eval_duration", 900_000_000L);
        if (Boolean.FALSE.equals(body.get("stream"))) {
            return Reply.json(200, FakeJson.write(done));
        }
        // streaming is Ollama's default: one line per piece of the answer, then the final statistics
        Map<String, Object> piece = FakeJson.object("model", body.get("model"), "created_at", Instant.now().toString(),
                "message", FakeJson.object("role", "assistant", "content", content), "done", false);
        Map<String, Object> last = FakeJson.object("model", body.get("model"), "created_at", Instant.now().toString(),
                "message", FakeJson.object("role", "assistant", "content", ""), "done_reason", doneReason, "done", true);
        String ndjson = FakeJson.write(piece) + "\n" + FakeJson.write(last) + "\n";
        return Reply.bytes(200, "application/x-ndjson", ndjson.getBytes(StandardCharsets.UTF_8));
    }

    private static Reply error(int status, String message) {
        return Reply.json(status, FakeJson.write(FakeJson.object("error", message)));
    }
}
