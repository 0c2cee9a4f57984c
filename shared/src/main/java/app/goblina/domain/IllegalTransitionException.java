package app.goblina.domain;

/** A status change the state machine does not allow: always a bug in the caller, never user input. */
public final class IllegalTransitionException extends IllegalStateException {
    public IllegalTransitionException(Enum<?> from, Enum<?> to) {
        super("Illegal transition " + from.getDeclaringClass().getSimpleName() + " " + from + " -> " + to);
    }
}
