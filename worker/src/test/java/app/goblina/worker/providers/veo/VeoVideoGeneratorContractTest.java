package app.goblina.worker.providers.veo;

import app.goblina.clips.ClipJob;
import app.goblina.clips.VideoGenerator;
import app.goblina.testkit.fakes.veo.FakeVeoServer;
import app.goblina.testkit.fakes.veo.VeoErrors;
import app.goblina.testkit.fakes.video.Fault;
import app.goblina.worker.providers.VideoContractMedia;
import app.goblina.worker.providers.VideoGeneratorContractTest;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The Veo adapter under the video contract, against {@link FakeVeoServer}. The Gemini API neither lists
 * operations nor reports progress, so the lookup tests check UNSUPPORTED and progress is 0 until done.
 */
class VeoVideoGeneratorContractTest extends VideoGeneratorContractTest {

    static final String KEY = "test-veo-key-for-the-contract";

    private FakeVeoServer server;

    @Override
    protected ProviderFake startFake() {
        server = FakeVeoServer.builder(KEY, VideoContractMedia.video()).start();
        return new VeoFake(server);
    }

    @Override
    protected Clock clock() {
        return server.clock();
    }

    @Override
    protected boolean findsEarlierSubmissions() {
        return false;
    }

    @Override
    protected boolean reportsProgress() {
        return false;
    }

    /** The adapter's configuration against a fake: the model's defaults, the fake's address and download host. */
    static VeoConfig config(URI baseUrl, String downloadHost, String key, Duration timeout) {
        return new VeoConfig(key, baseUrl, "veo-3.1-lite-generate-preview", List.of(4, 6, 8), "720p",
                VeoConfig.ImageMode.START_IMAGE, null, null, null, List.of(downloadHost), Duration.ofSeconds(10),
                Duration.ofSeconds(2), timeout, timeout, Duration.ofSeconds(10), 1024 * 1024, 64L * 1024 * 1024);
    }

    private record VeoFake(FakeVeoServer server) implements ProviderFake {

        @Override
        public void advance(Duration by) {
            server.advance(by);
        }

        @Override
        public VideoGenerator generator(String key, Duration timeout) {
            return new VeoVideoGenerator(config(server.baseUrl(), server.downloadHost(), key, timeout), server.clock());
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
            return FakeVeoServer.filteredReason();
        }

        @Override
        public Duration rateLimitNextCreate() {
            server.fail(FakeVeoServer.Endpoint.CREATE, VeoErrors.rateLimited(Duration.ofMillis(1500)));
            return Duration.ofMillis(1500);
        }

        @Override
        public void serverErrorOnNextStatus() {
            server.fail(FakeVeoServer.Endpoint.OPERATION, VeoErrors.serverError(503));
        }

        @Override
        public void slowNextStatus(Duration delay) {
            server.fail(FakeVeoServer.Endpoint.OPERATION, Fault.slow(delay));
        }

        @Override
        public void slowNextCreate(Duration delay) {
            server.fail(FakeVeoServer.Endpoint.CREATE, Fault.slow(delay));
        }

        @Override
        public void exhaustQuotaOnNextCreate() {
            server.fail(FakeVeoServer.Endpoint.CREATE, VeoErrors.billingDisabled());
        }

        @Override
        public void refuseNextDownloadLinkWhileAvailable() {
            server.expireNextDownloadLinks(1);
        }

        @Override
        public void loseOutput(String providerJobId) {
            server.loseFile(providerJobId);
        }

        @Override
        public ClipJob.State stateAfterCancellingWhileRunning() {
            // the contract has no cancel: a running generation keeps going and is billed
            return ClipJob.State.RUNNING;
        }

        @Override
        public void close() {
            server.close();
        }
    }
}
