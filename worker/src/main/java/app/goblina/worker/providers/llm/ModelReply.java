package app.goblina.worker.providers.llm;

/**
 * The text a model answered, and whether it was cut off at the output limit (then it is treated as invalid and
 * goes through the repair path like any other bad answer).
 *
 * @param content   the answer's text, possibly empty, never null
 * @param truncated the vendor said the answer stopped at its length limit
 */
public record ModelReply(String content, boolean truncated) {

    public ModelReply {
        content = content == null ? "" : content;
    }
}
