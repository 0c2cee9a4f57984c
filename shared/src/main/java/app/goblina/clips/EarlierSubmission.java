package app.goblina.clips;

/**
 * What a provider knows of a generation we may already have paid for: after a crash or a timeout around the
 * create call, our record says SUBMITTING but has no provider id.
 *
 * @param outcome what the lookup found
 * @param job     the generation when {@code outcome} is FOUND, else null
 * @param detail  why it is AMBIGUOUS or UNSUPPORTED, for the user
 */
public record EarlierSubmission(Outcome outcome, ClipJob job, String detail) {

    public enum Outcome {
        /** The earlier generation exists: adopt it, do not submit again. */
        FOUND,
        /** The provider has no generation for this request since the intent: submitting is safe. */
        NOT_FOUND,
        /** More than one candidate, or a partial answer: a human must decide; never resubmit silently. */
        AMBIGUOUS,
        /** The contract offers no way to look: a resubmission could pay twice. */
        UNSUPPORTED
    }

    public static EarlierSubmission found(ClipJob job) {
        return new EarlierSubmission(Outcome.FOUND, job, null);
    }

    public static EarlierSubmission notFound() {
        return new EarlierSubmission(Outcome.NOT_FOUND, null, null);
    }

    public static EarlierSubmission ambiguous(String detail) {
        return new EarlierSubmission(Outcome.AMBIGUOUS, null, detail);
    }

    public static EarlierSubmission unsupported(String detail) {
        return new EarlierSubmission(Outcome.UNSUPPORTED, null, detail);
    }
}
