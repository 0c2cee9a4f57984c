package app.goblina.domain;

import java.util.ArrayList;
import java.util.List;

/** The limits a new project must respect; checked in the API before anything is written. */
public final class ProjectRules {

    public static final int MIN_TOPIC = 1;
    public static final int MAX_TOPIC = 500;
    public static final int MIN_SCENARIOS = 1;
    public static final int MAX_SCENARIOS = 8;
    public static final int DEFAULT_SCENARIOS = 3;
    public static final int MIN_CLIP_SECONDS = 2;
    public static final int MAX_CLIP_SECONDS = 12;
    public static final int DEFAULT_CLIP_SECONDS = 4;

    private ProjectRules() {
    }

    /** Every problem with the given values, empty when they are all acceptable. */
    public static List<FieldError> check(String topic, String preset, Integer scenarioCount, Integer clipSeconds,
            String format) {
        return check(topic, preset, scenarioCount, clipSeconds, format, null, null);
    }

    /** As above, with the assembly choices {@code fit} and {@code transition} (null: the default). */
    public static List<FieldError> check(String topic, String preset, Integer scenarioCount, Integer clipSeconds,
            String format, String fit, String transition) {
        List<FieldError> errors = new ArrayList<>();
        if (topic == null || topic.isBlank()) {
            errors.add(new FieldError("topic", "must not be empty"));
        } else {
            TextRules.problem(topic.strip(), MAX_TOPIC).ifPresent(reason -> errors.add(new FieldError("topic", reason)));
        }
        if (preset == null) {
            errors.add(new FieldError("preset", "is required; one of " + Preset.allowedValues()));
        } else if (Preset.fromWire(preset).isEmpty()) {
            errors.add(new FieldError("preset", "unknown preset '" + abbreviate(preset) + "'; one of " + Preset.allowedValues()));
        }
        if (scenarioCount != null && (scenarioCount < MIN_SCENARIOS || scenarioCount > MAX_SCENARIOS)) {
            errors.add(new FieldError("scenarioCount", "must be between " + MIN_SCENARIOS + " and " + MAX_SCENARIOS + ", was " + scenarioCount));
        }
        if (clipSeconds != null && (clipSeconds < MIN_CLIP_SECONDS || clipSeconds > MAX_CLIP_SECONDS)) {
            errors.add(new FieldError("clipSeconds", "must be between " + MIN_CLIP_SECONDS + " and " + MAX_CLIP_SECONDS + ", was " + clipSeconds));
        }
        if (format != null && VideoFormat.fromWire(format).isEmpty()) {
            errors.add(new FieldError("format", "unknown format '" + abbreviate(format) + "'; one of " + VideoFormat.allowedValues()));
        }
        if (fit != null && FrameFit.fromWire(fit).isEmpty()) {
            errors.add(new FieldError("fit", "unknown fit '" + abbreviate(fit) + "'; one of " + FrameFit.allowedValues()));
        }
        if (transition != null && SceneTransition.fromWire(transition).isEmpty()) {
            errors.add(new FieldError("transition", "unknown transition '" + abbreviate(transition) + "'; one of "
                    + SceneTransition.allowedValues()));
        }
        return errors;
    }

    private static String abbreviate(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "…";
    }
}
