package app.goblina.testkit.fakes.llm;

import app.goblina.testkit.fakes.FakeJson;
import app.goblina.testkit.fakes.video.Reply;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;

/**
 * The vendor-independent half of an {@link LlmFake}: the queue of scripted behaviours, the default answer made
 * from the request's schema, and the recording. A vendor fake adds its routes, its contract checks and the shapes
 * of its replies and errors.
 */
public abstract class ScriptedLlmFake implements LlmFake {

    /**
     * One queued behaviour: the reply to one request that passed the contract checks, given the request body and
     * the reply the fake would have sent unscripted.
     */
    @FunctionalInterface
    protected interface Script {
        Reply reply(Map<String, Object> body, Supplier<Reply> normal);
    }

    protected final FakeHttpServer http;
    private final String chatPath;
    private final Queue<Script> scripts = new ConcurrentLinkedQueue<>();

    protected ScriptedLlmFake(FakeHttpServer http, String chatPath) {
        this.http = http;
        this.chatPath = chatPath;
    }

    /** The vendor's successful reply carrying {@code content} as the model's text. */
    protected abstract Reply answer(Map<String, Object> body, String content);

    /** The JSON schema the request asks the answer to follow, or an empty map when it gives none. */
    protected abstract Map<String, Object> schemaOf(Map<String, Object> body);

    /** Queues one behaviour for the next chat call. */
    protected final ScriptedLlmFake enqueue(Script script) {
        scripts.add(script);
        return this;
    }

    /** Answers a chat request that passed the contract checks: the next scripted behaviour, or a valid answer. */
    protected final Reply chat(Map<String, Object> body) {
        return scripted(body, () -> answer(body, defaultContent(body)));
    }

    /**
     * Answers any request that passed the contract checks with the next scripted behaviour, or with
     * {@code normal}. Error behaviours apply to whichever endpoint is called next.
     */
    protected final Reply scripted(Map<String, Object> body, Supplier<Reply> normal) {
        Script script = scripts.poll();
        return script != null ? script.reply(body, normal) : normal.get();
    }

    /** The valid answer to {@code body}: a sample of its schema, as JSON text. */
    protected final String defaultContent(Map<String, Object> body) {
        return FakeJson.write(defaultAnswer(body));
    }

    private Object defaultAnswer(Map<String, Object> body) {
        Map<String, Object> schema = schemaOf(body);
        return schema.isEmpty() ? FakeJson.object() : SchemaSample.of(schema);
    }

    @Override
    public URI baseUrl() {
        return http.baseUrl();
    }

    @Override
    public LlmFake nextSlow(Duration delay) {
        return enqueue((body, normal) -> normal.get().after(delay));
    }

    @Override
    public LlmFake nextAnswer(String content) {
        return enqueue((body, normal) -> answer(body, content));
    }

    @Override
    public LlmFake nextAnswerWith(String path, Object value) {
        return enqueue((body, normal) -> {
            Object edited = FakeJson.copy(defaultAnswer(body));
            JsonPaths.set(edited, path, value);
            return answer(body, FakeJson.write(edited));
        });
    }

    @Override
    public LlmFake nextAnswerWithout(String path) {
        return enqueue((body, normal) -> {
            Object edited = FakeJson.copy(defaultAnswer(body));
            JsonPaths.remove(edited, path);
            return answer(body, FakeJson.write(edited));
        });
    }

    @Override
    public int chatCalls() {
        return http.calls(chatPath);
    }

    @Override
    public List<Map<String, Object>> chatBodies() {
        return http.requestsTo(chatPath).stream().map(RecordedRequest::json).toList();
    }

    /** Every request received, on any path. */
    public List<RecordedRequest> requests() {
        return http.requests();
    }

    @Override
    public void close() {
        http.close();
    }

    /** Whole seconds for a {@code Retry-After} header, rounded up so a client never retries early. */
    protected static String wholeSeconds(Duration wait) {
        return Long.toString((wait.toMillis() + 999) / 1000);
    }
}
