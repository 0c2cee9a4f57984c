package app.goblina.scenarios;

import app.goblina.domain.Preset;
import app.goblina.domain.StyleGuide;

/**
 * Everything a writer needs for one project: who, what about, in which tone, how many beats, how long each, and
 * the model the project asked for (null: the adapter's configured one).
 */
public record ScenarioBrief(String characterName, StyleGuide styleGuide, String topic, Preset preset, int count,
        int clipSeconds, String model) {

    public ScenarioBrief(String characterName, StyleGuide styleGuide, String topic, Preset preset, int count,
            int clipSeconds) {
        this(characterName, styleGuide, topic, preset, count, clipSeconds, null);
    }
}
