package app.goblina.persistence;

import app.goblina.domain.CallbackState;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

/**
 * A row of {@code project_callbacks}: the URL a project's end is sent to, written with the project itself, and how
 * far its delivery got. The event (its type, {@code webhook-id} and body) is fixed by the first attempt, so every
 * retry sends the same message. {@link #toString()} leaves the URL and body out: a receiver's URL often carries a
 * token of its own.
 */
@MappedEntity("project_callbacks")
public record ProjectCallbackRow(
        @Id UUID projectId,
        UUID tenantId,
        String url,
        CallbackState state,
        @Nullable String eventType,
        @Nullable String webhookId,
        @Nullable String payload,
        @Nullable Instant nextAttemptAt,
        @Nullable Instant deliveredAt,
        @Nullable String failureReason,
        @Nullable Instant createdAt,
        @Nullable Instant updatedAt) {

    @Override
    public String toString() {
        return "ProjectCallbackRow[projectId=" + projectId + ", tenantId=" + tenantId + ", state=" + state
                + ", eventType=" + eventType + ", webhookId=" + webhookId + "]";
    }
}
