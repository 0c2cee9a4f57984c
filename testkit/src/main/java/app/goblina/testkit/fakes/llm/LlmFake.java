package app.goblina.testkit.fakes.llm;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What every fake language-model server lets a test script, in words that do not depend on the vendor, so one
 * contract suite can drive the fakes of OpenAI, Anthropic and Ollama alike. Each {@code next…} call queues one
 * behaviour for one future chat call; calls with nothing queued get a valid answer made from the request's JSON
 * schema (see {@link SchemaSample}). Requests that break the vendor's contract (no key, a malformed body) are
 * refused the way the vendor refuses them and do not use up a queued behaviour.
 */
public interface LlmFake extends AutoCloseable {

    /** Where the fake listens, to be used as the adapter's base URL. */
    URI baseUrl();

    /** The only key the fake accepts, or empty for a vendor that uses none (Ollama). */
    Optional<String> acceptedKey();

    /** Next call: 429 with the vendor's rate-limit error and a {@code Retry-After} header of whole seconds. */
    LlmFake nextRateLimited(Duration retryAfter);

    /** Next call: 500 with the vendor's server-error body. */
    LlmFake nextServerError();

    /** Next call: a valid answer, sent only after {@code delay}. */
    LlmFake nextSlow(Duration delay);

    /** Next call: the model declines, in these words, with the vendor's refusal signal. */
    LlmFake nextRefusal(String words);

    /**
     * Whether the vendor marks a refusal itself; one that does not (Ollama) sends the model's prose, which an
     * adapter sees as an invalid answer.
     */
    default boolean signalsRefusals() {
        return true;
    }

    /** Next call: the first half of a valid answer, with the vendor's signal that it stopped at the length limit. */
    LlmFake nextCutOffAtLengthLimit();

    /** Next call: a successful reply whose content is exactly {@code content} (for invalid JSON, say). */
    LlmFake nextAnswer(String content);

    /** Next call: the default valid answer with the value at {@code path} (e.g. {@code scenes[1].caption}) replaced. */
    LlmFake nextAnswerWith(String path, Object value);

    /** Next call: the default valid answer without the property or item at {@code path}. */
    LlmFake nextAnswerWithout(String path);

    /** How many requests reached the chat endpoint, refused ones included. */
    int chatCalls();

    /** The bodies sent to the chat endpoint, in order. */
    List<Map<String, Object>> chatBodies();

    /** Stops the server; replies still waiting are dropped. */
    @Override
    void close();
}
