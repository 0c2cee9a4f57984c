package app.goblina.worker.providers.replicate;

import app.goblina.clips.ClipRequest;
import app.goblina.clips.EarlierSubmission;
import app.goblina.failures.TransientFailure;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Instant;
import java.util.function.Predicate;
import java.util.ArrayList;
import java.util.List;

/**
 * Looks through the account's predictions, newest first, for one this request already started: same model,
 * prompt, length and aspect ratio, created no earlier than the intent (less the clock skew). Replicate has no
 * idempotency key, so this is the guard against paying twice after a create whose answer was lost.
 *
 * <p>One match is FOUND; none, with the list read back past the intent, NOT_FOUND; several, or a list cut off by
 * the page limit (or a {@code next} link to another host) while still inside the window, AMBIGUOUS. Blocking: one
 * call per page.
 */
final class ReplicateEarlierSubmissions {

    private final ReplicateApi api;

    ReplicateEarlierSubmissions(ReplicateApi api) {
        this.api = api;
    }

    EarlierSubmission find(ClipRequest request, Instant intentRecordedAt, Predicate<String> claimedByAnotherClip) {
        ReplicateConfig config = api.config();
        ReplicateShape shape = ReplicateShape.of(request, config);
        Instant windowStart = intentRecordedAt.minus(config.clockSkew());
        List<ReplicatePrediction> candidates = new ArrayList<>();
        URI page = config.endpoint("/v1/predictions");
        for (int read = 0; read < config.listPages(); read++) {
            JsonNode list = parse(api.list(page));
            for (JsonNode item : list.path("results")) {
                ReplicatePrediction prediction = prediction(item);
                if (prediction.createdAt() != null && prediction.createdAt().isBefore(windowStart)) {
                    return decide(candidates);
                }
                if (shape.matches(prediction, request.prompt(), config) && !claimedByAnotherClip.test(prediction.id())) {
                    candidates.add(prediction);
                }
            }
            String next = list.path("next").asText(null);
            if (next == null || next.isBlank()) {
                return decide(candidates);
            }
            page = URI.create(next);
            if (!config.baseUrl().getHost().equalsIgnoreCase(page.getHost())
                    || !config.baseUrl().getScheme().equalsIgnoreCase(page.getScheme())) {
                // our token only ever goes to the API host
                return EarlierSubmission.ambiguous("the prediction list pointed its next page at another host");
            }
        }
        return EarlierSubmission.ambiguous("the prediction list was read for " + config.listPages()
                + " pages without reaching the time of the submission; " + candidates.size() + " matching prediction(s) seen");
    }

    private EarlierSubmission decide(List<ReplicatePrediction> candidates) {
        return switch (candidates.size()) {
            case 0 -> EarlierSubmission.notFound();
            case 1 -> EarlierSubmission.found(candidates.getFirst().toClipJob());
            default -> EarlierSubmission.ambiguous(candidates.size() + " predictions with the same model, prompt and "
                    + "settings were created since the submission: "
                    + String.join(", ", candidates.stream().map(ReplicatePrediction::id).toList()));
        };
    }

    /** A listed prediction we cannot read might be ours: better to fail this lookup (and retry) than to miss it. */
    private ReplicatePrediction prediction(JsonNode item) {
        try {
            return ReplicatePrediction.from(item, api.config().apiToken());
        } catch (IllegalArgumentException e) {
            throw new TransientFailure("replicate listed a prediction without an id or status", e);
        }
    }

    private static JsonNode parse(String body) {
        try {
            JsonNode list = ReplicatePrediction.JSON.readTree(body);
            if (!list.path("results").isArray()) {
                throw new IllegalArgumentException("no results array");
            }
            return list;
        } catch (java.io.IOException | IllegalArgumentException e) {
            throw new TransientFailure("replicate answered the prediction list with something that is not a list", e);
        }
    }
}
