package app.goblina.testkit.fakes.llm;

import app.goblina.testkit.fakes.video.LoopbackServer;
import app.goblina.testkit.fakes.video.Received;
import app.goblina.testkit.fakes.video.Reply;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The HTTP half of an LLM fake: a {@link LoopbackServer} whose routes are exact paths, with the recorded requests
 * looked up by path. Unknown routes get the vendor's not-found reply.
 */
public final class FakeHttpServer implements AutoCloseable {

    private final LoopbackServer server;

    private FakeHttpServer(Function<RecordedRequest, Reply> notFound) {
        this.server = new LoopbackServer(request -> notFound.apply(recorded(request)));
    }

    /**
     * A server with no routes yet; call {@link #route} then {@link #start}.
     *
     * @param notFound the reply, in the vendor's error shape, to a path the fake does not serve
     */
    public static FakeHttpServer create(Function<RecordedRequest, Reply> notFound) {
        return new FakeHttpServer(notFound);
    }

    /** Serves {@code method path} with {@code handler}. Call before {@link #start}. */
    public FakeHttpServer route(String method, String path, Function<RecordedRequest, Reply> handler) {
        server.route(method, Pattern.quote(path), request -> handler.apply(recorded(request)));
        return this;
    }

    public FakeHttpServer start() {
        server.start();
        return this;
    }

    /** {@code http://127.0.0.1:<port>}, without a trailing slash. */
    public URI baseUrl() {
        return server.baseUrl();
    }

    /** Every request received so far, in order, including refused ones. */
    public List<RecordedRequest> requests() {
        return server.received().stream().map(FakeHttpServer::recorded).toList();
    }

    /** How many requests reached {@code path}, whatever the answer. */
    public int calls(String path) {
        return requestsTo(path).size();
    }

    /** The requests that reached {@code path}, in order. */
    public List<RecordedRequest> requestsTo(String path) {
        return requests().stream().filter(r -> r.path().equals(path)).toList();
    }

    /** The last request that reached {@code path}. */
    public Optional<RecordedRequest> last(String path) {
        List<RecordedRequest> matching = requestsTo(path);
        return matching.isEmpty() ? Optional.empty() : Optional.of(matching.getLast());
    }

    @Override
    public void close() {
        server.close();
    }

    private static RecordedRequest recorded(Received request) {
        return new RecordedRequest(request.method(), request.path(), request.headers(), request.body());
    }
}
