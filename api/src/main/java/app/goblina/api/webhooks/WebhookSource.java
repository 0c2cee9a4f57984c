package app.goblina.api.webhooks;

import app.goblina.persistence.ClipRepository;
import app.goblina.persistence.ClipRow;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import java.util.Set;

/**
 * A provider that calls us back, with where its event names the generation. The adapter name is what clips
 * record as their provider, so a webhook finds its clip by (adapter, provider job id).
 */
enum WebhookSource {

    /** The Sora contract's events: {@code {type: "video.completed" | "video.failed", data: {id}}}. */
    OPENAI("sora") {
        @Override
        Optional<String> providerJobId(JsonNode event) {
            if (!FINISHED_VIDEO_EVENTS.contains(event.path("type").asText(""))) {
                return Optional.empty();
            }
            return text(event.path("data").path("id"));
        }
    },

    /** Replicate sends the prediction itself; we only ask for {@code completed} events. */
    REPLICATE("replicate") {
        @Override
        Optional<String> providerJobId(JsonNode prediction) {
            return text(prediction.path("id"));
        }
    },

    /**
     * fal sends {@code {request_id, status: OK | ERROR, payload, error}} when a request ends. Our job id is {@code
     * owner/alias:request_id}, so the clip is found by the request id at its end.
     */
    FAL("fal") {
        @Override
        Optional<String> providerJobId(JsonNode event) {
            return text(event.path("request_id"));
        }

        @Override
        List<ClipRow> clips(ClipRepository clips, String requestId) {
            return clips.findByProviderJobSuffix(adapter(), ":" + requestId);
        }
    };

    private static final Set<String> FINISHED_VIDEO_EVENTS = Set.of("video.completed", "video.failed");

    private final String adapter;

    WebhookSource(String adapter) {
        this.adapter = adapter;
    }

    /** The video adapter's name, as stored in {@code clips.provider}. */
    String adapter() {
        return adapter;
    }

    /** The generation the event is about, or empty when it is not an event we act on. */
    abstract Optional<String> providerJobId(JsonNode body);

    /** The clips holding the generation the event names. */
    List<ClipRow> clips(ClipRepository clips, String providerJobId) {
        return clips.findByProviderJob(adapter, providerJobId);
    }

    private static Optional<String> text(JsonNode node) {
        return node.isTextual() && !node.asText().isBlank() ? Optional.of(node.asText()) : Optional.empty();
    }
}
