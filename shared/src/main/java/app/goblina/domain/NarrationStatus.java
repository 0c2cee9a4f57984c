package app.goblina.domain;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/** Lifecycle of one scenario's narration, when the project asked for one: PENDING until its audio is stored. */
public enum NarrationStatus {
    PENDING,
    READY,
    FAILED;

    private static final Map<NarrationStatus, Set<NarrationStatus>> NEXT = Map.of(
            PENDING, EnumSet.of(READY, FAILED),
            READY, EnumSet.noneOf(NarrationStatus.class),
            FAILED, EnumSet.noneOf(NarrationStatus.class));

    public boolean isTerminal() {
        return NEXT.get(this).isEmpty();
    }

    public boolean canMoveTo(NarrationStatus next) {
        return NEXT.get(this).contains(next);
    }

    /** Returns {@code next} or throws {@link IllegalTransitionException}. */
    public NarrationStatus moveTo(NarrationStatus next) {
        if (!canMoveTo(next)) {
            throw new IllegalTransitionException(this, next);
        }
        return next;
    }

    /** The stored text (null: no narration asked for) as a status, or null. */
    public static NarrationStatus fromColumn(String value) {
        return value == null ? null : valueOf(value);
    }
}
