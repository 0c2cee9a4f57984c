package app.goblina.worker.providers.fal;

import app.goblina.clips.ClipRequest;
import app.goblina.clips.EarlierSubmission;
import app.goblina.failures.TransientFailure;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Looks through the request history of the clip's endpoint, sent since the intent (less the clock skew), for the
 * request this clip already queued: same prompt, length and aspect ratio in its stored input. fal has no
 * idempotency key, so this is the guard against paying twice after a submit whose answer was lost.
 *
 * <p>One match is FOUND; several, a listed item without its input (payload storage off), or more pages than the
 * limit: AMBIGUOUS. None: the history may list a request only once it has ended, so an empty answer soon after the
 * intent proves nothing; the lookup then fails transiently until the intent is older than {@code historySettles}
 * (the longest queue plus render time) and answers NOT_FOUND only after that, unless the history is known to list
 * unfinished requests too ({@code historyListsUnfinished}).
 */
final class FalEarlierSubmissions {

    private static final int MAX_PAGES = 10;

    private final FalApi api;

    FalEarlierSubmissions(FalApi api) {
        this.api = api;
    }

    EarlierSubmission find(ClipRequest request, Instant intentRecordedAt, Predicate<String> claimedByAnotherClip,
            java.util.function.Function<FalApi.JobRef, app.goblina.clips.ClipJob> status) {
        FalConfig config = api.config();
        FalShape shape = FalShape.of(request, config);
        Instant windowStart = intentRecordedAt.minus(config.clockSkew());
        List<FalApi.JobRef> candidates = new ArrayList<>();
        String cursor = null;
        for (int page = 0; page < MAX_PAGES; page++) {
            JsonNode answer = api.history(shape.model(), windowStart, cursor);
            if (!answer.path("items").isArray()) {
                throw new TransientFailure("fal answered the request history with something that is not a list");
            }
            for (JsonNode item : answer.path("items")) {
                if (!shape.model().equals(item.path("endpoint_id").asText(shape.model()))) {
                    continue;
                }
                Instant sentAt = instant(item.path("sent_at").asText(null));
                if (sentAt != null && sentAt.isBefore(windowStart)) {
                    continue;
                }
                JsonNode input = item.path("json_input");
                if (!input.isObject()) {
                    return EarlierSubmission.ambiguous("fal's request history lists requests without their input "
                            + "(payload storage is off), so a request of this clip cannot be told apart");
                }
                FalApi.JobRef ref = new FalApi.JobRef(shape.app(), item.path("request_id").asText(""));
                if (shape.matches(input, request.prompt(), config) && !claimedByAnotherClip.test(ref.jobId())) {
                    candidates.add(ref);
                }
            }
            if (!answer.path("has_more").asBoolean(false)) {
                return decide(candidates, intentRecordedAt, status);
            }
            cursor = answer.path("next_cursor").asText(null);
        }
        return EarlierSubmission.ambiguous("fal's request history was read for " + MAX_PAGES + " pages since the "
                + "submission; " + candidates.size() + " matching request(s) seen");
    }

    private EarlierSubmission decide(List<FalApi.JobRef> candidates, Instant intent,
            java.util.function.Function<FalApi.JobRef, app.goblina.clips.ClipJob> status) {
        if (candidates.size() == 1) {
            return EarlierSubmission.found(status.apply(candidates.getFirst()));
        }
        if (candidates.size() > 1) {
            return EarlierSubmission.ambiguous(candidates.size() + " requests with the same prompt and settings were "
                    + "queued since the submission: " + String.join(", ", candidates.stream().map(FalApi.JobRef::jobId).toList()));
        }
        FalConfig config = api.config();
        Duration since = Duration.between(intent, api.now());
        if (!config.historyListsUnfinished() && since.compareTo(config.historySettles()) < 0) {
            throw new TransientFailure("fal's request history lists a request once it has ended; the submission is "
                    + since.toSeconds() + " s old, so its absence proves nothing until "
                    + config.historySettles().toMinutes() + " min have passed", config.historySettles().minus(since), null);
        }
        return EarlierSubmission.notFound();
    }

    private static Instant instant(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (java.time.format.DateTimeParseException e) {
            try {
                // fal's history writes times without a zone: they are UTC
                return java.time.LocalDateTime.parse(text).toInstant(java.time.ZoneOffset.UTC);
            } catch (java.time.format.DateTimeParseException unreadable) {
                return null;
            }
        }
    }
}
