package app.goblina.worker.callbacks;

import app.goblina.domain.ProjectStatus;
import app.goblina.jobs.JobIds;
import app.goblina.persistence.ProjectRow;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The message a project's end sends, in the Standard Webhooks shape: {@code type} ({@code project.done},
 * {@code project.failed} or {@code project.cancelled}), {@code timestamp} (when the project ended) and {@code data}:
 * the project's and its character's ids, its status and, when DONE, the paths of its video and thumbnail under the
 * API, when FAILED the stage and reason. No prompt, topic or storage key.
 *
 * @param webhookId the {@code webhook-id}: derived from the project and the event, the same for every attempt, so a
 *                  receiver deduplicates on it
 * @param payload   the JSON body, exactly as sent and signed
 */
record CallbackEvent(String type, String webhookId, String payload) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static CallbackEvent of(ProjectRow project, Instant fallbackTime) {
        ProjectStatus status = project.status();
        if (!status.isTerminal()) {
            throw new IllegalArgumentException("project " + project.id() + " has not ended: " + status);
        }
        String type = "project." + status.name().toLowerCase(Locale.ROOT);
        String webhookId = "msg_" + JobIds.of(project.id(), "callback/" + type).toString().replace("-", "");
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("projectId", project.id().toString());
        data.put("characterId", project.characterId().toString());
        data.put("status", status.name());
        switch (status) {
            case DONE -> {
                data.put("videoUrl", "/v1/projects/" + project.id() + "/video");
                data.put("thumbnailUrl", "/v1/projects/" + project.id() + "/thumbnail");
            }
            case FAILED -> {
                Map<String, Object> error = new LinkedHashMap<>();
                error.put("stage", project.stage().wireName());
                error.put("reason", project.failureReason());
                data.put("error", error);
            }
            default -> {
                // CANCELLED: the status says it all
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type);
        body.put("timestamp", (project.updatedAt() == null ? fallbackTime : project.updatedAt()).toString());
        body.put("data", data);
        try {
            return new CallbackEvent(type, webhookId, JSON.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a callback body could not be written", e);
        }
    }
}
