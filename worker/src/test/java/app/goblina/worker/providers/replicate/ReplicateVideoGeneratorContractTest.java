package app.goblina.worker.providers.replicate;

import app.goblina.clips.ClipJob;
import app.goblina.clips.VideoGenerator;
import app.goblina.testkit.fakes.replicate.FakeReplicateServer;
import app.goblina.testkit.fakes.replicate.ReplicateErrors;
import app.goblina.testkit.fakes.video.Fault;
import app.goblina.worker.providers.VideoContractMedia;
import app.goblina.worker.providers.VideoGeneratorContractTest;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** The Replicate adapter under the video contract, against {@link FakeReplicateServer} hosting Kling. */
class ReplicateVideoGeneratorContractTest extends VideoGeneratorContractTest {

    static final String TOKEN = "r8_test_replicate_token";

    private FakeReplicateServer server;

    @Override
    protected ProviderFake startFake() {
        server = FakeReplicateServer.builder(TOKEN, VideoContractMedia.video()).start();
        return new ReplicateFake(server);
    }

    @Override
    protected Clock clock() {
        return server.clock();
    }

    /** The adapter's configuration against a fake: Kling, its fields, the fake's address and download host. */
    static ReplicateConfig config(FakeReplicateServer server, String token, Duration timeout, String model,
            URI webhookUrl) {
        return new ReplicateConfig(token, server.baseUrl(), model, null, "duration", "aspect_ratio",
                model.contains("kling") ? List.of(5, 10) : List.of(2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12),
                List.of("16:9", "9:16", "1:1"), webhookUrl, 0, List.of("replicate.delivery", server.downloadHost()),
                Duration.ofSeconds(2), timeout, timeout, Duration.ofSeconds(10), 4 * 1024 * 1024, 32 * 1024 * 1024,
                64L * 1024 * 1024, 3, Duration.ofMinutes(2), Duration.ofHours(1));
    }

    private record ReplicateFake(FakeReplicateServer server) implements ProviderFake {

        @Override
        public void advance(Duration by) {
            server.advance(by);
        }

        @Override
        public VideoGenerator generator(String key, Duration timeout) {
            return new ReplicateVideoGenerator(config(server, key, timeout, "kwaivgi/kling-v2.5-turbo-pro", null),
                    server.clock());
        }

        @Override
        public String acceptedKey() {
            return TOKEN;
        }

        @Override
        public int creates() {
            return server.creates();
        }

        @Override
        public int polls() {
            return server.polls();
        }

        @Override
        public int downloads() {
            return server.downloads();
        }

        @Override
        public String refusePromptsContaining(String marker) {
            server.refusePromptsContaining(marker);
            return FakeReplicateServer.sensitiveError();
        }

        @Override
        public Duration rateLimitNextCreate() {
            // the wait only in the text, as Replicate documents it
            server.fail(FakeReplicateServer.Endpoint.CREATE, ReplicateErrors.throttled(30, false));
            return Duration.ofSeconds(30);
        }

        @Override
        public void serverErrorOnNextStatus() {
            server.fail(FakeReplicateServer.Endpoint.GET, ReplicateErrors.serverError(502));
        }

        @Override
        public void slowNextStatus(Duration delay) {
            server.fail(FakeReplicateServer.Endpoint.GET, Fault.slow(delay));
        }

        @Override
        public void slowNextCreate(Duration delay) {
            server.fail(FakeReplicateServer.Endpoint.CREATE, Fault.slow(delay));
        }

        @Override
        public void exhaustQuotaOnNextCreate() {
            server.fail(FakeReplicateServer.Endpoint.CREATE, ReplicateErrors.insufficientCredit());
        }

        @Override
        public void refuseNextDownloadLinkWhileAvailable() {
            server.refuseNextDownloads(1);
        }

        @Override
        public void loseOutput(String providerJobId) {
            // Replicate deletes outputs an hour after the prediction
            server.advance(Duration.ofMinutes(61));
        }

        @Override
        public ClipJob.State stateAfterCancellingWhileRunning() {
            return ClipJob.State.FAILED;
        }

        @Override
        public void close() {
            server.close();
        }
    }
}
