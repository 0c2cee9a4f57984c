package app.goblina.domain;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Lifecycle of a project. Each running status is one pipeline stage; the three terminal ones never change.
 * QUEUED covers "waiting for the character's analysis".
 */
public enum ProjectStatus {
    QUEUED,
    WRITING,
    GENERATING,
    ASSEMBLING,
    DONE,
    FAILED,
    CANCELLED;

    private static final Map<ProjectStatus, Set<ProjectStatus>> NEXT = Map.of(
            QUEUED, EnumSet.of(WRITING, FAILED, CANCELLED),
            WRITING, EnumSet.of(GENERATING, FAILED, CANCELLED),
            GENERATING, EnumSet.of(ASSEMBLING, FAILED, CANCELLED),
            ASSEMBLING, EnumSet.of(DONE, FAILED, CANCELLED),
            DONE, EnumSet.noneOf(ProjectStatus.class),
            FAILED, EnumSet.noneOf(ProjectStatus.class),
            CANCELLED, EnumSet.noneOf(ProjectStatus.class));

    public boolean isTerminal() {
        return NEXT.get(this).isEmpty();
    }

    public boolean canMoveTo(ProjectStatus next) {
        return NEXT.get(this).contains(next);
    }

    /** Returns {@code next} or throws {@link IllegalTransitionException}. */
    public ProjectStatus moveTo(ProjectStatus next) {
        if (!canMoveTo(next)) {
            throw new IllegalTransitionException(this, next);
        }
        return next;
    }

    /**
     * The one way back from DONE: a regeneration of one scene makes the project GENERATING again. Only the
     * regeneration's transaction asks for it; every stage moves by {@link #moveTo}, which never leaves DONE, so
     * {@link #isTerminal()} keeps meaning "no pipeline work is under way".
     */
    public ProjectStatus regenerate() {
        if (this != DONE) {
            throw new IllegalTransitionException(this, GENERATING);
        }
        return GENERATING;
    }

    /** The stage a project in this status is at; terminal statuses keep the stage they ended in. */
    public Stage stage() {
        return switch (this) {
            case QUEUED -> Stage.ANALYSIS;
            case WRITING -> Stage.SCENARIOS;
            case GENERATING -> Stage.CLIPS;
            case ASSEMBLING -> Stage.ASSEMBLY;
            case DONE -> Stage.ASSEMBLY;
            case FAILED, CANCELLED -> throw new IllegalStateException(this + " keeps the stage it ended in");
        };
    }
}
