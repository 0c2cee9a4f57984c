package app.goblina.worker.providers.llm;

import java.util.List;

/**
 * A model's answer after validation: the domain value when it passed, else the problems found, each worded for a
 * user (e.g. "scenario 2 caption is 240 characters (max 160)").
 */
public record Checked<T>(T value, List<String> problems) {

    public Checked {
        problems = List.copyOf(problems);
    }

    public static <T> Checked<T> valid(T value) {
        return new Checked<>(value, List.of());
    }

    public static <T> Checked<T> invalid(List<String> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("an invalid answer needs at least one problem");
        }
        return new Checked<>(null, problems);
    }

    public boolean isValid() {
        return problems.isEmpty();
    }
}
