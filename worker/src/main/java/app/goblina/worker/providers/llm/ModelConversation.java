package app.goblina.worker.providers.llm;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.ArrayList;
import java.util.List;

/**
 * What a {@link StructuredChat} is asked: the prompt, then any later turns, alternating the model's previous
 * answer and our reply to it (a repair request).
 */
public record ModelConversation(StructuredPrompt prompt, List<Turn> followUps) {

    /** Who said a later turn. */
    public enum Role {
        MODEL, US
    }

    /** One later turn, as plain text. */
    public record Turn(Role role, String text) {
    }

    public ModelConversation {
        followUps = List.copyOf(followUps);
    }

    public static ModelConversation of(StructuredPrompt prompt) {
        return new ModelConversation(prompt, List.of());
    }

    /** This conversation plus the model's last answer and our correction of it. */
    public ModelConversation withRepair(String previousAnswer, String correction) {
        List<Turn> turns = new ArrayList<>(followUps);
        // an empty assistant turn is refused by some vendors, and says nothing anyway
        turns.add(new Turn(Role.MODEL, previousAnswer == null || previousAnswer.isBlank() ? "(no answer)" : previousAnswer));
        turns.add(new Turn(Role.US, correction));
        return new ModelConversation(prompt, turns);
    }

    /**
     * Adds the later turns to a vendor's {@code messages} array, in order: every chat API we call names the model's
     * turns {@code assistant} and ours {@code user}, with the text as {@code content}.
     */
    public void appendFollowUps(ArrayNode messages) {
        for (Turn turn : followUps) {
            messages.addObject().put("role", turn.role() == Role.MODEL ? "assistant" : "user").put("content", turn.text());
        }
    }
}
