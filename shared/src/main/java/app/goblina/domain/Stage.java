package app.goblina.domain;

/**
 * The pipeline stages, in order; a failure names the stage it happened in. {@link #CALLBACK} comes after the
 * pipeline: telling the client's callback URL that the project ended. A project never fails in it.
 */
public enum Stage {
    ANALYSIS,
    SCENARIOS,
    CLIPS,
    NARRATION,
    ASSEMBLY,
    CALLBACK;

    /** The lower-case name used in REST responses and job names. */
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
