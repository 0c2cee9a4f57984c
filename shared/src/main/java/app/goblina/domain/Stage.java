package app.goblina.domain;

/** The pipeline stages, in order; a failure names the stage it happened in. */
public enum Stage {
    ANALYSIS,
    SCENARIOS,
    CLIPS,
    NARRATION,
    ASSEMBLY;

    /** The lower-case name used in REST responses and job names. */
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
