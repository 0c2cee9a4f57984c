package app.goblina.worker.providers.sora;

import app.goblina.clips.ClipRequest;
import app.goblina.clips.EarlierSubmission;
import app.goblina.failures.TransientFailure;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.function.Predicate;
import java.util.ArrayList;
import java.util.List;

/**
 * Looks through the account's videos, newest first, for one this request already started: same prompt, model,
 * length and frame, created no earlier than the intent (less the clock skew). The contract has no idempotency key,
 * so this is the only guard against paying twice after a create whose answer was lost.
 *
 * <p>One match is FOUND; none, with the listing read back past the intent, is NOT_FOUND; several identical
 * candidates, or a listing cut off by the page limit while still inside the window, are AMBIGUOUS: a person
 * decides, we never guess. Blocking: one call per page.
 */
final class SoraEarlierSubmissions {

    private final SoraApi api;

    SoraEarlierSubmissions(SoraApi api) {
        this.api = api;
    }

    EarlierSubmission find(ClipRequest request, Instant intentRecordedAt, Predicate<String> claimedByAnotherClip) {
        SoraConfig config = api.config();
        SoraShape shape = SoraShape.of(request, config);
        // created_at has whole seconds: truncating keeps a video made in the intent's own second inside the window
        Instant windowStart = intentRecordedAt.minus(config.clockSkew()).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        List<SoraVideo> candidates = new ArrayList<>();
        String after = null;
        for (int page = 0; page < config.listPages(); page++) {
            JsonNode list = parse(api.list(after));
            for (JsonNode item : list.path("data")) {
                SoraVideo video = video(item, config.apiKey());
                if (video.createdAt() != null && video.createdAt().isBefore(windowStart)) {
                    return decide(candidates);
                }
                if (request.prompt().equals(video.prompt()) && shape.matches(video) && !claimedByAnotherClip.test(video.id())) {
                    candidates.add(video);
                }
            }
            if (!list.path("has_more").asBoolean(false) || list.path("data").isEmpty()) {
                return decide(candidates);
            }
            after = list.path("last_id").asText(null);
            if (after == null) {
                after = list.path("data").get(list.path("data").size() - 1).path("id").asText();
            }
        }
        return EarlierSubmission.ambiguous("the video list was read for " + config.listPages()
                + " pages without reaching the time of the submission; " + candidates.size() + " matching video(s) seen");
    }

    private static EarlierSubmission decide(List<SoraVideo> candidates) {
        return switch (candidates.size()) {
            case 0 -> EarlierSubmission.notFound();
            case 1 -> EarlierSubmission.found(candidates.getFirst().toClipJob(null));
            default -> EarlierSubmission.ambiguous(candidates.size() + " videos with the same prompt and settings were "
                    + "created since the submission: " + String.join(", ", candidates.stream().map(SoraVideo::id).toList()));
        };
    }

    /** A listed video we cannot read might be ours: better to fail this lookup (and retry) than to miss it. */
    private static SoraVideo video(JsonNode item, String apiKey) {
        try {
            return SoraVideo.from(item, apiKey);
        } catch (IllegalArgumentException e) {
            throw new TransientFailure("sora listed a video without an id or status", e);
        }
    }

    private static JsonNode parse(String body) {
        try {
            JsonNode list = SoraVideo.JSON.readTree(body);
            if (!list.path("data").isArray()) {
                throw new IllegalArgumentException("no data array");
            }
            return list;
        } catch (java.io.IOException | IllegalArgumentException e) {
            throw new TransientFailure("sora answered the video list with something that is not a list", e);
        }
    }
}
