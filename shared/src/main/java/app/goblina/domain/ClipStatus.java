package app.goblina.domain;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Lifecycle of one clip. PENDING: no paid call yet. SUBMITTING: the intent is recorded, the provider call may
 * or may not have happened; back to PENDING only when the provider refused the create. RUNNING: the provider job id is known. READY: the file is in our storage.
 */
public enum ClipStatus {
    PENDING,
    SUBMITTING,
    RUNNING,
    READY,
    FAILED,
    CANCELLED;

    private static final Map<ClipStatus, Set<ClipStatus>> NEXT = Map.of(
            PENDING, EnumSet.of(SUBMITTING, FAILED, CANCELLED),
            SUBMITTING, EnumSet.of(RUNNING, PENDING, FAILED, CANCELLED),
            RUNNING, EnumSet.of(READY, FAILED, CANCELLED),
            READY, EnumSet.noneOf(ClipStatus.class),
            FAILED, EnumSet.noneOf(ClipStatus.class),
            CANCELLED, EnumSet.noneOf(ClipStatus.class));

    public boolean isTerminal() {
        return NEXT.get(this).isEmpty();
    }

    public boolean canMoveTo(ClipStatus next) {
        return NEXT.get(this).contains(next);
    }

    public ClipStatus moveTo(ClipStatus next) {
        if (!canMoveTo(next)) {
            throw new IllegalTransitionException(this, next);
        }
        return next;
    }
}
