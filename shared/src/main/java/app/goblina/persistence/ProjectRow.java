package app.goblina.persistence;

import app.goblina.domain.FrameFit;
import app.goblina.domain.Preset;
import app.goblina.domain.SceneTransition;
import app.goblina.domain.ProjectStatus;
import app.goblina.domain.Stage;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.DateCreated;
import io.micronaut.data.annotation.DateUpdated;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

/** A row of {@code projects}: one short to make. */
@MappedEntity("projects")
public record ProjectRow(
        @Id UUID id,
        UUID tenantId,
        UUID characterId,
        String topic,
        Preset preset,
        int scenarioCount,
        int clipSeconds,
        int width,
        int height,
        int fps,
        boolean burnCaptions,
        ProjectStatus status,
        Stage stage,
        @Nullable String failureReason,
        String videoProvider,
        @Nullable String videoModel,
        @Nullable String videoSize,
        String llmProvider,
        @Nullable String llmModel,
        @Nullable String narrationProvider,
        @Nullable String narrationVoice,
        long estimateCents,
        FrameFit fit,
        SceneTransition transition,
        boolean wordHighlight,
        @Nullable String music,
        boolean normalizeLoudness,
        int generation,
        @Nullable @DateCreated Instant createdAt,
        @Nullable @DateUpdated Instant updatedAt) {
}
