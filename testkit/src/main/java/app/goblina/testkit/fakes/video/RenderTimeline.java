package app.goblina.testkit.fakes.video;

import java.time.Duration;
import java.time.Instant;

/**
 * When a fake render is where: waiting in the queue for {@code queueFor}, then rendering for {@code renderFor}
 * with progress rising evenly, then finished. Computed from the fake's clock on every question, so a test moves a
 * render along by advancing the clock.
 */
public record RenderTimeline(Instant createdAt, Duration queueFor, Duration renderFor) {

    /** Where a render is at a moment. */
    public enum Phase { QUEUED, RENDERING, FINISHED }

    public Instant startedAt() {
        return createdAt.plus(queueFor);
    }

    public Instant finishedAt() {
        return startedAt().plus(renderFor);
    }

    public Phase phaseAt(Instant now) {
        if (now.isBefore(startedAt())) {
            return Phase.QUEUED;
        }
        return now.isBefore(finishedAt()) ? Phase.RENDERING : Phase.FINISHED;
    }

    /** 0 while queued, 1–99 while rendering, 100 when finished. */
    public int progressAt(Instant now) {
        return switch (phaseAt(now)) {
            case QUEUED -> 0;
            case FINISHED -> 100;
            case RENDERING -> {
                long done = Duration.between(startedAt(), now).toMillis();
                long total = Math.max(1, renderFor.toMillis());
                yield (int) Math.max(1, Math.min(99, done * 100 / total));
            }
        };
    }
}
