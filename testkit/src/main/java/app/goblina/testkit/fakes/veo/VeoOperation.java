package app.goblina.testkit.fakes.veo;

import app.goblina.testkit.fakes.FakeJson;
import app.goblina.testkit.fakes.video.Generation;
import app.goblina.testkit.fakes.video.RenderTimeline;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One video generation the fake accepted: a long-running operation named {@code models/{model}/operations/{id}},
 * done once its render is finished, with one generated sample whose file lives for {@code keptFor}.
 */
record VeoOperation(String name, String model, String prompt, String aspectRatio, int durationSeconds,
        String resolution, RenderTimeline timeline, boolean refused, Duration keptFor) implements Generation {

    /** What Veo says when its responsible-AI filters take a generated video away. */
    static final String FILTERED_REASON = "Unfortunately, we can't create videos from this prompt: it may violate "
            + "our usage guidelines (safety filter).";

    @Override
    public String id() {
        return name;
    }

    /** The file's id: the operation's last segment. */
    String fileId() {
        return name.substring(name.lastIndexOf('/') + 1);
    }

    @Override
    public boolean finishedAt(Instant now) {
        return timeline.phaseAt(now) == RenderTimeline.Phase.FINISHED;
    }

    Instant fileExpiresAt() {
        return timeline.finishedAt().plus(keptFor);
    }

    /**
     * The operation as {@code GET {name}} shows it: a running one has no {@code done} (the API leaves false out); a
     * done one has the response, with the sample's URI under {@code fileBase}, or the filter's reasons.
     */
    Map<String, Object> json(Instant now, URI fileBase) {
        Map<String, Object> operation = FakeJson.object("name", name);
        if (!finishedAt(now)) {
            operation.put("metadata", FakeJson.object("@type",
                    "type.googleapis.com/google.ai.generativelanguage.v1beta.PredictLongRunningMetadata"));
            return operation;
        }
        operation.put("done", true);
        Map<String, Object> videoResponse = refused
                ? FakeJson.object("raiMediaFilteredCount", 1, "raiMediaFilteredReasons", List.of(FILTERED_REASON))
                : FakeJson.object("generatedSamples", List.of(FakeJson.object("video", FakeJson.object("uri",
                        fileBase + "/files/" + fileId() + ":download?alt=media"))));
        operation.put("response", FakeJson.object("@type",
                "type.googleapis.com/google.ai.generativelanguage.v1beta.PredictLongRunningResponse",
                "generateVideoResponse", videoResponse));
        return operation;
    }
}
