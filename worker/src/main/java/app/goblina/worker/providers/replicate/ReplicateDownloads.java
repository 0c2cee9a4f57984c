package app.goblina.worker.providers.replicate;

import app.goblina.clips.ClipJob;
import app.goblina.failures.PermanentFailure;
import app.goblina.failures.TransientFailure;
import app.goblina.worker.providers.http.CappedBodies;
import app.goblina.worker.providers.http.DownloadHosts;
import app.goblina.worker.providers.http.FailureRules;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;

/**
 * Copies a succeeded prediction's output to a file. The output URL comes from the prediction itself (the status
 * answer just received, or asked for afresh; never a stored copy), must be on an allowed download host, and is fetched without our token: the
 * delivery host needs none. The body streams to the file under a size cap and a deadline for the whole transfer.
 *
 * <p>Right after a status answer that said succeeded, the output link it carried is fetched as it is (one
 * prediction call fewer per clip); a refusal there is settled the careful way, by asking for the prediction again.
 *
 * <p>Replicate deletes outputs an hour after the prediction. A refused download (403, 404, 410) inside that hour is
 * a {@link TransientFailure} (the retry asks again); after it, or once Replicate marks the data removed, a
 * {@link PermanentFailure}: the file is gone for good.
 */
final class ReplicateDownloads {

    private static final Set<Integer> GONE = Set.of(403, 404, 410);

    private final ReplicateApi api;
    private final DownloadHosts hosts;
    private final Clock clock;

    ReplicateDownloads(ReplicateApi api, Clock clock) {
        this.api = api;
        this.clock = clock;
        this.hosts = new DownloadHosts(api.config().baseUrl(), api.config().downloadHosts());
    }

    /** The output of a status answer just received; see the class comment. */
    void download(ClipJob finished, Path target) {
        URI output = finished.output();
        if (output == null || !hosts.allows(output) || refusedAsGone(output, target).isPresent()) {
            download(finished.providerJobId(), target);
        }
    }

    void download(String id, Path target) {
        ReplicatePrediction prediction = api.get(id);
        if (!prediction.succeeded()) {
            if (prediction.toClipJob().isFinished()) {
                throw new PermanentFailure("replicate: the prediction has no output (status " + prediction.status() + ")");
            }
            throw new TransientFailure("replicate: the prediction is not finished yet (status " + prediction.status() + ")");
        }
        if (prediction.dataRemoved() || prediction.output() == null) {
            throw new PermanentFailure(expiredReason());
        }
        URI output;
        try {
            output = URI.create(prediction.output());
        } catch (IllegalArgumentException e) {
            throw new PermanentFailure("replicate: the output is not a valid URL");
        }
        if (!hosts.allows(output)) {
            throw new PermanentFailure("replicate: the output is on " + output.getHost()
                    + ", which is not an allowed download host (goblina.replicate.download-hosts)");
        }
        fetch(output, target, prediction);
    }

    private void fetch(URI output, Path target, ReplicatePrediction prediction) {
        Optional<Integer> gone = refusedAsGone(output, target);
        if (gone.isEmpty()) {
            return;
        }
        boolean withinLifetime = prediction.completedAt() != null
                && clock.instant().isBefore(prediction.completedAt().plus(api.config().outputLifetime()));
        if (withinLifetime) {
            throw new TransientFailure("replicate: the output download was refused (HTTP " + gone.get()
                    + ") although it should still exist; trying again later");
        }
        throw new PermanentFailure(expiredReason());
    }

    /** Streams the file; empty when it arrived, the status when the host answered that it is not there (403, 404, 410). */
    private Optional<Integer> refusedAsGone(URI output, Path target) {
        ReplicateConfig config = api.config();
        HttpRequest request = HttpRequest.newBuilder(output).timeout(config.downloadTimeout()).GET().build();
        int[] seen = new int[1];
        FailureRules rules = (status, body) -> {
            seen[0] = status;
            return FailureRules.standard().judge(status, body);
        };
        try {
            ThrottleWait.honoured(() -> api.http().send(request, CappedBodies.toFile(target, config.maxVideoBytes()), rules,
                    config.downloadTimeout()));
            return Optional.empty();
        } catch (PermanentFailure refused) {
            if (!GONE.contains(seen[0])) {
                throw refused;
            }
            return Optional.of(seen[0]);
        }
    }

    private String expiredReason() {
        return "replicate: the output was deleted (Replicate keeps outputs for " + api.config().outputLifetime().toMinutes()
                + " minutes) before it was copied";
    }
}
