package app.goblina.worker.spending;

import java.util.function.Function;

/**
 * Where a paid call's result is cached and how it is written there, for calls whose same inputs give a result
 * worth keeping: a style guide by image hash and model, scenarios by brief and model (see PaidResultCache's keys).
 */
public record Cached<T>(String key, Function<T, String> write, Function<String, T> read) {

    /** A result that is text already. */
    public static Cached<String> text(String key) {
        return new Cached<>(key, Function.identity(), Function.identity());
    }
}
