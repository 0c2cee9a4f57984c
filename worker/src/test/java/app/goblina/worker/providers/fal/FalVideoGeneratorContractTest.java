package app.goblina.worker.providers.fal;

import app.goblina.clips.ClipJob;
import app.goblina.clips.VideoGenerator;
import app.goblina.testkit.fakes.fal.FakeFalServer;
import app.goblina.testkit.fakes.fal.FalErrors;
import app.goblina.testkit.fakes.video.Fault;
import app.goblina.worker.providers.VideoContractMedia;
import app.goblina.worker.providers.VideoGeneratorContractTest;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The fal adapter under the video contract, against {@link FakeFalServer} with a request history that lists
 * unfinished requests too (and the adapter told so), so the lookup tests run as for the other vendors. The
 * finished-only history fal may have is covered by {@link FalEarlierSubmissionsTest}. fal reports no progress.
 */
class FalVideoGeneratorContractTest extends VideoGeneratorContractTest {

    static final String KEY = "test-fal-key-id:test-fal-secret";

    private FakeFalServer server;

    @Override
    protected ProviderFake startFake() {
        server = FakeFalServer.builder(KEY, VideoContractMedia.video()).historyListsUnfinished(true).start();
        return new FalFake(server, true);
    }

    @Override
    protected Clock clock() {
        return server.clock();
    }

    @Override
    protected boolean reportsProgress() {
        return false;
    }

    /** The adapter's configuration against a fake: Kling's inputs, the fake's queue, history and file host. */
    static FalConfig config(FakeFalServer server, String key, Duration timeout, boolean historyListsUnfinished,
            URI webhookUrl) {
        return new FalConfig(key, server.queueUrl(), server.platformUrl(), "fal-ai/kling-video/v2.5-turbo/pro/image-to-video",
                "prompt", "image_url", "duration", true, null, List.of(5, 10), List.of("16:9", "9:16", "1:1"), webhookUrl,
                List.of(server.downloadHost()), Duration.ofSeconds(2), timeout, timeout, Duration.ofSeconds(10), 1 << 20,
                1 << 25, 64L << 20, Duration.ofMinutes(30), Duration.ofMinutes(2), historyListsUnfinished, Duration.ofSeconds(5));
    }

    record FalFake(FakeFalServer server, boolean historyListsUnfinished) implements ProviderFake {

        @Override
        public void advance(Duration by) {
            server.advance(by);
        }

        @Override
        public VideoGenerator generator(String key, Duration timeout) {
            return new FalVideoGenerator(config(server, key, timeout, historyListsUnfinished, null), server.clock());
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
            return FalErrors.CONTENT_FLAGGED;
        }

        @Override
        public Duration rateLimitNextCreate() {
            server.fail(FakeFalServer.Endpoint.SUBMIT, FalErrors.rateLimited(Duration.ofSeconds(2)));
            return Duration.ofSeconds(2);
        }

        @Override
        public void serverErrorOnNextStatus() {
            server.fail(FakeFalServer.Endpoint.STATUS, FalErrors.serverError(503));
        }

        @Override
        public void slowNextStatus(Duration delay) {
            server.fail(FakeFalServer.Endpoint.STATUS, Fault.slow(delay));
        }

        @Override
        public void slowNextCreate(Duration delay) {
            server.fail(FakeFalServer.Endpoint.SUBMIT, Fault.slow(delay));
        }

        @Override
        public void exhaustQuotaOnNextCreate() {
            server.fail(FakeFalServer.Endpoint.SUBMIT, FalErrors.balanceExhausted());
        }

        @Override
        public void refuseNextDownloadLinkWhileAvailable() {
            server.refuseNextDownloads(1);
        }

        @Override
        public void loseOutput(String providerJobId) {
            server.forgetResult(providerJobId.substring(providerJobId.indexOf(':') + 1));
        }

        @Override
        public ClipJob.State stateAfterCancellingWhileRunning() {
            // fal asks the runner to stop; the request then completes with a cancellation error
            return ClipJob.State.FAILED;
        }

        @Override
        public void close() {
            server.close();
        }
    }
}
