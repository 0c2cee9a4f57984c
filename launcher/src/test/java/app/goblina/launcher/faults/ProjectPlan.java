package app.goblina.launcher.faults;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * One project the run makes: what it asks for and what it should end as. The refused one's topic carries the
 * fake's content-policy marker into every prompt, so it must end FAILED with the provider's reason.
 */
final class ProjectPlan {

    final int index;
    final String topic;
    final String preset;
    final int scenes;
    final boolean refused;
    volatile UUID id;
    volatile Instant createdAt;
    volatile String creationError;

    ProjectPlan(int index, String topic, String preset, int scenes, boolean refused) {
        this.index = index;
        this.topic = topic;
        this.preset = preset;
        this.scenes = scenes;
        this.refused = refused;
    }

    Map<String, Object> request(String characterId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("characterId", characterId);
        body.put("topic", topic);
        body.put("preset", preset);
        body.put("scenarioCount", scenes);
        body.put("clipSeconds", 2);
        body.put("transition", "cut");
        body.put("video", Map.of("provider", "replicate"));
        return body;
    }

    String label() {
        return "project #" + (index + 1) + (id == null ? "" : " " + id) + (refused ? " (refused by the provider)" : "");
    }
}
