package app.goblina.worker.providers.llm;

import app.goblina.failures.PermanentFailure;
import app.goblina.failures.TransientFailure;

/**
 * One vendor's chat endpoint asked for JSON that follows a schema. Implementations translate the conversation to
 * the vendor's request for the named model, and the vendor's answer back to plain text; they do not validate the
 * answer.
 *
 * <p>Blocking, one HTTP exchange per call. Throws {@link TransientFailure} (timeout, 429, 5xx) and
 * {@link PermanentFailure} (bad key, exhausted quota, a refusal, with the provider's words) as the vendor's
 * signals say.
 */
public interface StructuredChat {

    /**
     * @param model the vendor's model id, sent as it is and counted in the provider call metrics under it
     */
    ModelReply complete(String model, ModelConversation conversation);
}
