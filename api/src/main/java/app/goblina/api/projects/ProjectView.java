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
        String fit,
        String transition,
        boolean captions,
        boolean normalizeLoudness,
        String status,
        String stage,
        int progress,
        List<ScenarioView> scenarios,
        ErrorView error,
        VideoView video,
        List<TimingView> timings,
        ProvidersView providers,
        CostView cost,
        CallbackView callback,
        Instant createdAt,
        Instant updatedAt) {

    @Introspected
    public record ScenarioView(int index, String title, String action, String caption, int seconds, ClipView clip,
            String narration) {
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

    /** Who makes this project's parts. A null model is the provider's configured default. */
    @Introspected
    public record ProvidersView(String video, String videoModel, String llm, String llmModel, String narration,
            String voice) {
    }

    /** Money: what the project was estimated to cost, and what is reserved or settled so far, in US cents. */
    @Introspected
    public record CostView(long estimateCents, long spentCents) {
    }

    /**
     * The completion callback, or null when the project named none. {@code state}: waiting (the project runs),
     * pending (it ended; the first attempt is due), sending (attempts under way, the next at {@code nextAttemptAt}),
     * delivered, or failed ({@code error} says why).
     */
    @Introspected
    public record CallbackView(String url, String state, String event, String webhookId, Instant nextAttemptAt,
            Instant deliveredAt, String error, List<CallbackAttemptView> attempts) {
    }

    /** One attempt: its receiver's status code (null without an answer), the error if it was not accepted. */
    @Introspected
    public record CallbackAttemptView(int number, Instant at, Integer status, String error, Instant nextAttemptAt) {
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
