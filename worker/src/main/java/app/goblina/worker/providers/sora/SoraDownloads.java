package app.goblina.worker.providers.sora;

import app.goblina.failures.PermanentFailure;
import app.goblina.failures.TransientFailure;
import app.goblina.worker.providers.http.CappedBodies;
import app.goblina.worker.providers.http.DownloadHosts;
import app.goblina.worker.providers.http.FailureRules;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies a finished video to a file: {@code GET /videos/{id}/content}, which answers with the bytes or redirects to a
 * signed link. A redirect is followed only to an allowed host, without our key (the link is its own credential),
 * and at most a few hops. The body streams to the file under a size cap and a deadline for the whole transfer.
 *
 * <p>When the content or the link is refused (403, 404, 410: a signed link lives about an hour), the video itself
 * is asked about. Still completed and not past {@code expires_at}: the link went stale, and a
 * {@link TransientFailure} makes the poll job try again, which fetches a fresh link. Gone (404) or expired: the
 * provider no longer has the file, and a {@link PermanentFailure} says so.
 */
final class SoraDownloads {

    private static final Logger LOG = LoggerFactory.getLogger(SoraDownloads.class);
    private static final int MAX_REDIRECTS = 3;
    /** Link statuses meaning "not (any more) here": an expired signature (401, 403) or a deleted object (404, 410). */
    private static final Set<Integer> LINK_REFUSALS = Set.of(401, 403, 404, 410);
    /** Content statuses meaning "not here": 401 and 403 there are about our key, not the video. */
    private static final Set<Integer> CONTENT_REFUSALS = Set.of(404, 410);

    private final SoraApi api;
    private final DownloadHosts hosts;
    private final Clock clock;

    SoraDownloads(SoraApi api, Clock clock) {
        this.api = api;
        this.clock = clock;
        this.hosts = new DownloadHosts(api.config().baseUrl(), api.config().downloadHosts());
    }

    void download(String id, Path target) {
        URI next = api.config().endpoint("/videos/" + SoraApi.safe(id) + "/content?variant=video");
        boolean contentEndpoint = true;
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            StatusSeen rules = new StatusSeen(contentEndpoint ? api.rules() : FailureRules.standard());
            HttpResponse<String> response;
            try {
                response = fetch(next, contentEndpoint, target, rules);
            } catch (PermanentFailure refused) {
                if ((contentEndpoint ? CONTENT_REFUSALS : LINK_REFUSALS).contains(rules.status)) {
                    throw explainRefusal(id);
                }
                throw refused;
            }
            if (response.statusCode() < 300) {
                return;
            }
            next = redirectTarget(response, next);
            contentEndpoint = false;
        }
        throw new PermanentFailure("sora: the download redirected more than " + MAX_REDIRECTS + " times");
    }

    /** The content endpoint gets our key; a redirect target does not: a signed link is its own credential. */
    private HttpResponse<String> fetch(URI uri, boolean withKey, Path target, FailureRules rules) {
        SoraConfig config = api.config();
        HttpRequest.Builder request = withKey
                ? api.authorized(uri, config.downloadTimeout())
                : HttpRequest.newBuilder(uri).timeout(config.downloadTimeout());
        return api.http().send(request.GET().build(), CappedBodies.toFile(target, config.maxVideoBytes()), rules,
                config.downloadTimeout());
    }

    /** Failure rules that also remember the status they judged, so a refusal can be told from other errors. */
    private static final class StatusSeen implements FailureRules {
        private final FailureRules delegate;
        private int status;

        StatusSeen(FailureRules delegate) {
            this.delegate = delegate;
        }

        @Override
        public Verdict judge(int status, String body) {
            this.status = status;
            Verdict verdict = delegate.judge(status, body);
            // a refused link is judged by asking about the video, so it must surface as permanent here
            boolean refusal = LINK_REFUSALS.contains(status);
            return refusal ? new Verdict(true, verdict.reason()) : verdict;
        }
    }

    private URI redirectTarget(HttpResponse<String> response, URI from) {
        String location = response.headers().firstValue("location")
                .orElseThrow(() -> new TransientFailure("sora: a redirect without a Location"));
        URI target;
        try {
            target = from.resolve(location);
        } catch (IllegalArgumentException e) {
            throw new PermanentFailure("sora: the download redirected to a malformed address");
        }
        if (!hosts.allows(target)) {
            throw new PermanentFailure("sora: the download redirected to " + target.getHost()
                    + ", which is not an allowed download host (goblina.sora.download-hosts)");
        }
        return target;
    }

    /** Decides between a stale link (retry) and a vanished video (give up), by asking about the video itself. */
    private RuntimeException explainRefusal(String id) {
        SoraVideo video;
        try {
            video = api.retrieve(id).value();
        } catch (PermanentFailure gone) {
            return new PermanentFailure("sora: the video is gone from the provider (deleted or past its retention) "
                    + "before it was copied", gone);
        }
        boolean expired = video.expiresAt() != null && !clock.instant().isBefore(video.expiresAt());
        if (video.isCompleted() && !expired) {
            LOG.info("Download link for video {} was refused while the video is still available; a retry fetches a new link", id);
            return new TransientFailure("sora: the download link expired; the next attempt fetches a fresh one");
        }
        return new PermanentFailure(expired
                ? "sora: the video expired at the provider before it was copied"
                : "sora: the video is not downloadable (status " + video.status() + ")");
    }
}
