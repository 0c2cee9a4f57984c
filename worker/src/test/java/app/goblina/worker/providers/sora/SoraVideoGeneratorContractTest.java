package app.goblina.worker.providers.sora;

import app.goblina.clips.ClipJob;
import app.goblina.clips.VideoGenerator;
import app.goblina.testkit.fakes.sora.FakeSoraServer;
import app.goblina.testkit.fakes.sora.SoraErrors;
import app.goblina.testkit.fakes.video.Fault;
import app.goblina.worker.providers.VideoContractMedia;
import app.goblina.worker.providers.VideoGeneratorContractTest;
import java.time.Clock;
import java.time.Duration;

/** The Sora-contract adapter under the video contract, against {@link FakeSoraServer}. */
class SoraVideoGeneratorContractTest extends VideoGeneratorContractTest {

    static final String KEY = "sk-test-sora-key";

    private FakeSoraServer server;

    @Override
    protected ProviderFake startFake() {
        server = FakeSoraServer.builder(KEY, VideoContractMedia.video()).start();
        return new SoraFake(server);
    }

    @Override
    protected Clock clock() {
        return server.clock();
    }

    /** The adapter's configuration against a fake: the contract's defaults, the fake's address and host. */
    static SoraConfig config(FakeSoraServer server, String key, Duration timeout) {
        return new SoraConfig(key, null, server.baseUrl(), "sora-2", SoraConfig.SizeStyle.SIZE, SoraConfig.BodyStyle.MULTIPART,
                false, java.util.List.of(4, 8, 12), java.util.List.of("720x1280", "1280x720", "1024x1792", "1792x1024"),
                java.util.List.of("16:9", "9:16", "1:1"), "720p", java.util.List.of(server.downloadHost()),
                Duration.ofSeconds(2), timeout, timeout, Duration.ofSeconds(10), 4 * 1024 * 1024, 64L * 1024 * 1024, 20, 5,
                Duration.ofMinutes(2));
    }

    private record SoraFake(FakeSoraServer server) implements ProviderFake {

        @Override
        public void advance(Duration by) {
            server.advance(by);
        }

        @Override
        public VideoGenerator generator(String key, Duration timeout) {
            return new SoraVideoGenerator(config(server, key, timeout), server.clock());
        }

        @Override
        public String acceptedKey() {
            return KEY;
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
            return FakeSoraServer.moderationMessage();
        }

        @Override
        public Duration rateLimitNextCreate() {
            server.fail(FakeSoraServer.Endpoint.CREATE, SoraErrors.rateLimitedMillis(Duration.ofMillis(1500)));
            return Duration.ofMillis(1500);
        }

        @Override
        public void serverErrorOnNextStatus() {
            server.fail(FakeSoraServer.Endpoint.RETRIEVE, SoraErrors.serverError(503));
        }

        @Override
        public void slowNextStatus(Duration delay) {
            server.fail(FakeSoraServer.Endpoint.RETRIEVE, Fault.slow(delay));
        }

        @Override
        public void slowNextCreate(Duration delay) {
            server.fail(FakeSoraServer.Endpoint.CREATE, Fault.slow(delay));
        }

        @Override
        public void exhaustQuotaOnNextCreate() {
            server.fail(FakeSoraServer.Endpoint.CREATE, SoraErrors.insufficientQuota());
        }

        @Override
        public void refuseNextDownloadLinkWhileAvailable() {
            server.expireNextDownloadLinks(1);
        }

        @Override
        public void loseOutput(String providerJobId) {
            server.forget(providerJobId);
        }

        @Override
        public ClipJob.State stateAfterCancellingWhileRunning() {
            // the contract has no cancel for a running render: it keeps going
            return ClipJob.State.RUNNING;
        }

        @Override
        public void close() {
            server.close();
        }
    }
}
