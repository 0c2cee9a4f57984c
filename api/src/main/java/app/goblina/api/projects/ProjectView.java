package app.goblina.api.projects;

import io.micronaut.core.annotation.Introspected;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** What {@code GET /v1/projects/{id}} answers. Storage keys and prompts stay private. */
@Introspected
public record ProjectView(
        UUID id,
        UUID characterId,
        String topic,
        String preset,
        int scenarioCount,
        int clipSeconds,
        String format,
        String status,
        String stage,
        int progress,
        List<ScenarioView> scenarios,
        ErrorView error,
        VideoView video,
        List<TimingView> timings,
        Instant createdAt,
        Instant updatedAt) {

    @Introspected
    public record ScenarioView(int index, String title, String action, String caption, int seconds, ClipView clip) {
    }

    @Introspected
    public record ClipView(String status, int progress, String error) {
    }

    @Introspected
    public record ErrorView(String stage, String reason) {
    }

    @Introspected
    public record VideoView(double durationSeconds, int width, int height, String url, String thumbnailUrl) {
    }

    /** One job run: how long it waited in the queue before a worker took it, and how long it ran. */
    @Introspected
    public record TimingView(String job, String stage, double waitSeconds, Double runSeconds) {
    }

    /** One line of {@code GET /v1/projects}. */
    @Introspected
    public record Summary(UUID id, String topic, String preset, String status, String stage, Instant createdAt) {
    }

    @Introspected
    public record Page(List<Summary> items, int page, int size, long total) {
    }
}
