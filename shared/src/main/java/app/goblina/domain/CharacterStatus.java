package app.goblina.domain;

import java.util.Set;

/** Lifecycle of an uploaded character: analysed once into a style guide, then reused by projects. */
public enum CharacterStatus {
    ANALYZING,
    READY,
    FAILED;

    public boolean isTerminal() {
        return this != ANALYZING;
    }

    public boolean canMoveTo(CharacterStatus next) {
        return this == ANALYZING && Set.of(READY, FAILED).contains(next);
    }

    /** Returns {@code next} or throws {@link IllegalTransitionException}. */
    public CharacterStatus moveTo(CharacterStatus next) {
        if (!canMoveTo(next)) {
            throw new IllegalTransitionException(this, next);
        }
        return next;
    }
}
