package app.goblina.worker.providers.llm;

import app.goblina.failures.PermanentFailure;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks a model for a structured answer and validates it; when it is invalid, shows the model its answer and what
 * was wrong, once, and validates again. One repair because a second rarely fixes what the first could not, and
 * every attempt is paid for.
 *
 * <p>Blocking. Throws {@link PermanentFailure} naming the problems when the repaired answer is invalid too, and
 * whatever the model throws ({@code TransientFailure} included) unchanged.
 */
public final class AskWithOneRepair {

    private static final Logger LOG = LoggerFactory.getLogger(AskWithOneRepair.class);
    /** How many problems the user-facing reason lists; the rest are counted. */
    static final int PROBLEMS_SHOWN = 3;

    private AskWithOneRepair() {
    }

    /**
     * @param model the vendor's model id, asked for the answer and for its repair
     * @param who the role in the failure reason, e.g. "the writer", as in "the writer's answer was invalid…"
     */
    public static <T> T ask(StructuredChat chat, String model, StructuredPrompt prompt,
            Function<JsonNode, Checked<T>> schema, String who) {
        ModelConversation conversation = ModelConversation.of(prompt);
        ModelReply first = chat.complete(model, conversation);
        Checked<T> checked = check(first, schema);
        if (checked.isValid()) {
            return checked.value();
        }
        LOG.info("{}'s answer was invalid, asking for one repair: {}", who, checked.problems());
        ModelReply second = chat.complete(model, conversation.withRepair(first.content(),
                RepairPrompt.forProblems(checked.problems())));
        Checked<T> repaired = check(second, schema);
        if (repaired.isValid()) {
            return repaired.value();
        }
        throw new PermanentFailure(who + "'s answer was invalid after one repair: " + summary(repaired.problems()));
    }

    private static <T> Checked<T> check(ModelReply reply, Function<JsonNode, Checked<T>> schema) {
        if (reply.truncated()) {
            return Checked.invalid(List.of("the answer was cut off at the length limit; it must be shorter"));
        }
        return LlmOutputValidator.validate(reply.content(), schema);
    }

    static String summary(List<String> problems) {
        String shown = String.join("; ", problems.subList(0, Math.min(PROBLEMS_SHOWN, problems.size())));
        int more = problems.size() - PROBLEMS_SHOWN;
        return more > 0 ? shown + " (and " + more + " more)" : shown;
    }
}
