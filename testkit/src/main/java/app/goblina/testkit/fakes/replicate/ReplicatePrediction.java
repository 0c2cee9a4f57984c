package app.goblina.testkit.fakes.replicate;

import app.goblina.testkit.fakes.video.Generation;
import app.goblina.testkit.fakes.video.RenderTimeline;
import app.goblina.testkit.fakes.video.RenderTimeline.Phase;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One prediction held by the fake. Its status comes from the clock each time it is shown: {@code starting} while
 * queued, {@code processing} with tqdm-style percentages in its logs, then {@code succeeded} (or {@code failed}
 * when its prompt was refused); {@code canceled} from the moment it was cancelled.
 */
final class ReplicatePrediction implements Generation {

    static final String SENSITIVE = "The input or output was flagged as sensitive. Please try again with different "
            + "inputs. (E005)";

    final String id;
    final String model;
    final Map<String, Object> input;
    final URI webhook;
    final List<String> webhookEvents;
    final RenderTimeline timeline;
    final boolean refused;
    private volatile Instant canceledAt;
    private volatile URI output;

    ReplicatePrediction(String id, String model, Map<String, Object> input, URI webhook, List<String> webhookEvents,
            RenderTimeline timeline, boolean refused) {
        this.id = id;
        this.model = model;
        this.input = input;
        this.webhook = webhook;
        this.webhookEvents = webhookEvents;
        this.timeline = timeline;
        this.refused = refused;
    }

    @Override
    public String id() {
        return id;
    }

    String statusAt(Instant now) {
        if (canceledAt != null) {
            return "canceled";
        }
        return switch (timeline.phaseAt(now)) {
            case QUEUED -> "starting";
            case RENDERING -> "processing";
            case FINISHED -> refused ? "failed" : "succeeded";
        };
    }

    @Override
    public boolean finishedAt(Instant now) {
        return canceledAt != null || timeline.phaseAt(now) == Phase.FINISHED;
    }

    boolean succeededAt(Instant now) {
        return statusAt(now).equals("succeeded");
    }

    Instant completedAt() {
        return canceledAt != null ? canceledAt : timeline.finishedAt();
    }

    /** Cancels unless finished; answers whether it did. */
    synchronized boolean cancel(Instant now) {
        if (finishedAt(now)) {
            return false;
        }
        canceledAt = now;
        return true;
    }

    synchronized URI output(java.util.function.Supplier<URI> publish) {
        if (output == null) {
            output = publish.get();
        }
        return output;
    }

    Map<String, Object> json(Instant now, URI base, URI outputUrl) {
        String status = statusAt(now);
        boolean finished = finishedAt(now);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", id);
        json.put("model", model);
        json.put("version", "hidden");
        json.put("input", input);
        json.put("logs", logs(now));
        json.put("output", status.equals("succeeded") ? outputUrl.toString() : null);
        json.put("data_removed", false);
        json.put("error", status.equals("failed") ? SENSITIVE : null);
        json.put("status", status);
        json.put("source", "api");
        json.put("created_at", timeline.createdAt().toString());
        json.put("started_at", canceledAt != null && canceledAt.isBefore(timeline.startedAt()) || timeline.phaseAt(now) == Phase.QUEUED
                ? null : timeline.startedAt().toString());
        json.put("completed_at", finished ? completedAt().toString() : null);
        json.put("metrics", finished && status.equals("succeeded")
                ? Map.of("predict_time", timeline.renderFor().toMillis() / 1000.0) : Map.of());
        json.put("urls", Map.of("get", base + "/v1/predictions/" + id, "cancel", base + "/v1/predictions/" + id + "/cancel",
                "web", "https://replicate.com/p/" + id));
        return json;
    }

    private String logs(Instant now) {
        Instant until = canceledAt != null && canceledAt.isBefore(now) ? canceledAt : now;
        if (timeline.phaseAt(until) == Phase.QUEUED) {
            return "";
        }
        StringBuilder logs = new StringBuilder("Using seed: 42\nGenerating video...\n");
        int progress = refused && timeline.phaseAt(until) == Phase.FINISHED ? 60 : timeline.progressAt(until);
        for (int step = 10; step <= progress; step += 10) {
            int done = step / 2;
            logs.append(String.format("%3d%%|%-10s| %d/50 [00:%02d<00:%02d]%n", step, "█".repeat(step / 10), done,
                    done, 50 - done));
        }
        if (refused && timeline.phaseAt(until) == Phase.FINISHED) {
            logs.append(SENSITIVE).append('\n');
        }
        return logs.toString();
    }

    Duration age(Instant now) {
        return Duration.between(timeline.createdAt(), now);
    }
}
