package app.goblina.worker.spending;

/**
 * The call to the provider itself: it throws TransientFailure or PermanentFailure as its adapter maps them, and
 * {@code E} when it also reads or writes files (a call that does not is inferred with a RuntimeException).
 */
@FunctionalInterface
public interface ProviderCall<T, E extends Exception> {

    T call() throws E;
}
