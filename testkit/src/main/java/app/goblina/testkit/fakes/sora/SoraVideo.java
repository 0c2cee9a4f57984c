package app.goblina.testkit.fakes.sora;

import app.goblina.testkit.fakes.video.Generation;
import app.goblina.testkit.fakes.video.RenderTimeline;
import app.goblina.testkit.fakes.video.RenderTimeline.Phase;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One video held by the fake: what was asked for and its timeline. Its status is derived from the clock each time
 * it is shown.
 *
 * @param size        {@code WIDTHxHEIGHT}, or null when the gateway variant took aspect ratio and resolution
 * @param aspectRatio e.g. {@code 9:16}, or null in the standard variant
 * @param resolution  e.g. {@code 720p}, or null in the standard variant
 * @param refused     fails at the end of its render with a moderation error
 */
record SoraVideo(String id, String model, String prompt, String size, String aspectRatio, String resolution,
        String seconds, RenderTimeline timeline, boolean refused, Duration keptFor) implements Generation {

    static final String MODERATION_CODE = "moderation_blocked";
    static final String MODERATION_MESSAGE = "Your request was blocked by our moderation system.";

    String statusAt(Instant now) {
        return switch (timeline.phaseAt(now)) {
            case QUEUED -> "queued";
            case RENDERING -> "in_progress";
            case FINISHED -> refused ? "failed" : "completed";
        };
    }

    @Override
    public boolean finishedAt(Instant now) {
        return timeline.phaseAt(now) == Phase.FINISHED;
    }

    boolean completedAt(Instant now) {
        return finishedAt(now) && !refused;
    }

    Instant expiresAt() {
        return timeline.finishedAt().plus(keptFor);
    }

    /** The video object, as {@code GET /videos/{id}} answers. */
    Map<String, Object> json(Instant now, boolean secondsAsInteger) {
        Map<String, Object> video = new LinkedHashMap<>();
        boolean finished = finishedAt(now);
        video.put("id", id);
        video.put("object", "video");
        video.put("model", model);
        video.put("status", statusAt(now));
        video.put("progress", refused && finished ? timeline.progressAt(timeline.finishedAt().minusMillis(1))
                : timeline.progressAt(now));
        video.put("created_at", timeline.createdAt().getEpochSecond());
        video.put("completed_at", finished ? timeline.finishedAt().getEpochSecond() : null);
        video.put("expires_at", completedAt(now) ? expiresAt().getEpochSecond() : null);
        video.put("prompt", prompt);
        if (size != null) {
            video.put("size", size);
        } else {
            video.put("aspect_ratio", aspectRatio);
            video.put("resolution", resolution);
        }
        video.put("seconds", secondsAsInteger ? (Object) Integer.valueOf(seconds) : seconds);
        video.put("remixed_from_video_id", null);
        video.put("error", refused && finished ? Map.of("code", MODERATION_CODE, "message", MODERATION_MESSAGE) : null);
        return video;
    }
}
