package app.goblina.worker.providers.sora;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import app.goblina.clips.ClipJob;
import app.goblina.clips.ClipRequest;
import app.goblina.clips.EarlierSubmission;
import app.goblina.failures.PermanentFailure;
import app.goblina.failures.TransientFailure;
import app.goblina.testkit.fakes.sora.FakeSoraServer;
import app.goblina.testkit.fakes.sora.SoraErrors;
import app.goblina.worker.media.MediaProbe;
import app.goblina.worker.providers.VideoContractMedia;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the Sora-contract adapter does beyond the shared video contract: its wire format, variants and links. */
class SoraVideoGeneratorTest {

    private static final String KEY = SoraVideoGeneratorContractTest.KEY;
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @TempDir
    Path work;
    private FakeSoraServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void theCharacterIsSentFittedToExactlyTheRequestedFrameAsAPngPart() {
        // given a 300x400 character and a vertical project
        server = FakeSoraServer.builder(KEY, VideoContractMedia.video()).start();
        SoraVideoGenerator generator = generator(SoraVideoGeneratorContractTest.config(server, KEY, TIMEOUT));

        // when
        generator.submit(VideoContractMedia.request("Ms. Goblina waves", 4, 720, 1280));

        // then
        FakeSoraServer.AcceptedCreate create = server.lastCreate().orElseThrow();
        assertThat(create.size()).isEqualTo("720x1280");
        assertThat(create.seconds()).isEqualTo("4");
        assertThat(create.model()).isEqualTo("sora-2");
        assertThat(create.referenceType()).isEqualTo("image/png");
        assertThat(create.referenceWidth()).isEqualTo(720);
        assertThat(create.referenceHeight()).isEqualTo(1280);
    }

    @Test
    void aLandscapeRequestGetsTheLandscapeSizeAndLengthsBecomeTheNearestTheModelTakesTiesLonger() {
        // given
        server = FakeSoraServer.builder(KEY, VideoContractMedia.video()).start();
        SoraVideoGenerator generator = generator(SoraVideoGeneratorContractTest.config(server, KEY, TIMEOUT));

        // when
        generator.submit(VideoContractMedia.request("Ms. Goblina paints a sunset", 6, 1280, 720));

        // then: 6 s is as near to 4 as to 8, and assembly can trim but not stretch
        FakeSoraServer.AcceptedCreate create = server.lastCreate().orElseThrow();
        assertThat(create.size()).isEqualTo("1280x720");
        assertThat(create.seconds()).isEqualTo("8");
        assertThat(create.referenceWidth()).isEqualTo(1280);
    }

    @Test
    void theModelAProjectNamesWinsOverTheConfiguredOne() {
        // given
        server = FakeSoraServer.builder(KEY, VideoContractMedia.video()).start();
        SoraVideoGenerator generator = generator(SoraVideoGeneratorContractTest.config(server, KEY, TIMEOUT));
        ClipRequest base = VideoContractMedia.request("Ms. Goblina in high definition", 4, 720, 1280);
        ClipRequest pro = new ClipRequest(base.idempotencyKey(), base.prompt(), base.caption(), base.referenceImage(),
                base.imageMediaType(), base.palette(), base.seconds(), base.width(), base.height(), "sora-2-pro");

        // when
        generator.submit(pro);

        // then
        assertThat(server.lastCreate().orElseThrow().model()).isEqualTo("sora-2-pro");
    }

    @Test
    void theAspectRatioGatewayVariantGetsAspectRatioResolutionAndAFrameOfThatShape() {
        // given a gateway that names frames by aspect ratio and resolution
        server = FakeSoraServer.builder(KEY, VideoContractMedia.video())
                .sizeStyle(FakeSoraServer.SizeStyle.ASPECT_RATIO_RESOLUTION).start();
        SoraConfig config = variant(SoraVideoGeneratorContractTest.config(server, KEY, TIMEOUT),
                SoraConfig.SizeStyle.ASPECT_RATIO_RESOLUTION, SoraConfig.BodyStyle.MULTIPART, false);

        // when
        ClipJob job = generator(config).submit(VideoContractMedia.request("Ms. Goblina on a gateway", 4, 720, 1280));

        // then
        FakeSoraServer.AcceptedCreate create = server.lastCreate().orElseThrow();
        assertThat(create.aspectRatio()).isEqualTo("9:16");
        assertThat(create.resolution()).isEqualTo("720p");
        assertThat(create.referenceWidth()).isEqualTo(720);
        assertThat(create.referenceHeight()).isEqualTo(1280);
        assertThat(job.state()).isEqualTo(ClipJob.State.QUEUED);
    }

    @Test
    void theJsonGatewayVariantSendsSecondsAsTheIntegerItWants() {
        // given a gateway taking JSON with an integer seconds
        server = FakeSoraServer.builder(KEY, VideoContractMedia.video()).jsonBody(true).start();
        SoraConfig config = variant(SoraVideoGeneratorContractTest.config(server, KEY, TIMEOUT), SoraConfig.SizeStyle.SIZE,
                SoraConfig.BodyStyle.JSON, true);

        // when
        generator(config).submit(VideoContractMedia.request("Ms. Goblina speaks JSON", 8, 720, 1280));

        // then
        assertThat(server.creates()).isEqualTo(1);
        assertThat(server.lastCreate().orElseThrow().seconds()).isEqualTo("8");
        assertThat(server.lastCreate().orElseThrow().referenceWidth()).isEqualTo(720);
    }

    @Test
    void secondsAsAStringWhereTheGatewayWantsAnIntegerIsRefusedPermanentlyWithItsReason() {
        // given
        server = FakeSoraServer.builder(KEY, VideoContractMedia.video()).jsonBody(true).start();
        SoraConfig config = variant(SoraVideoGeneratorContractTest.config(server, KEY, TIMEOUT), SoraConfig.SizeStyle.SIZE,
                SoraConfig.BodyStyle.JSON, false);

        // when
        PermanentFailure failure = catchThrowableOfType(PermanentFailure.class,
                () -> generator(config).submit(VideoContractMedia.request("Ms. Goblina misreads", 4, 720, 1280)));

        // then
        assertThat(failure.reason()).contains("400").contains("seconds");
        assertThat(server.creates()).isZero();
    }

    @Test
    void theServersPollHintBecomesThePollDelay() {
        // given
        server = FakeSoraServer.builder(KEY, VideoContractMedia.video()).pollAfter(Duration.ofMillis(7_500)).start();
        SoraVideoGenerator generator = generator(SoraVideoGeneratorContractTest.config(server, KEY, TIMEOUT));
        ClipJob submitted = generator.submit(VideoContractMedia.request("Ms. Goblina checks the clock", 4, 720, 1280));

        // when
        ClipJob status = generator.status(submitted.providerJobId());

        // then
        assertThat(submitted.suggestedPollDelay()).contains(Duration.ofMillis(7_500));
        assertThat(status.suggestedPollDelay()).contains(Duration.ofMillis(7_500));
    }

    @Test
    void aRateLimitWithOnlyRetryAfterInSecondsCarriesThatDelay() {
        // given
        server = FakeSoraServer.builder(KEY, VideoContractMedia.video()).start();
        server.fail(FakeSoraServer.Endpoint.CREATE, SoraErrors.rateLimitedSeconds(7));

        // when
        TransientFailure failure = catchThrowableOfType(TransientFailure.class,
                () -> generator(SoraVideoGeneratorContractTest.config(server, KEY, TIMEOUT))
                        .submit(VideoContractMedia.request("Ms. Goblina waits her turn", 4, 720, 1280)));

        // then
        assertThat(failure.retryAfter()).contains(Duration.ofSeconds(7));
    }

    @Test
    void aRedirectToAHostNotAllowedIsRefusedWithoutFetchingIt() {
        // given the fake's download host is not in the allowed list
        server = FakeSoraServer.builder(KEY, VideoContractMedia.video()).start();
        SoraConfig config = withDownloadHosts(SoraVideoGeneratorContractTest.config(server, KEY, TIMEOUT), List.of());
        SoraVideoGenerator generator = generator(config);
        ClipJob done = finish(generator, generator.submit(VideoContractMedia.request("Ms. Goblina goes abroad", 4, 720, 1280)));

        // when
        PermanentFailure failure = catchThrowableOfType(PermanentFailure.class,
                () -> generator.download(done.providerJobId(), work.resolve("refused.mp4")));

        // then
        assertThat(failure.reason()).contains("localhost").contains("not an allowed download host");
        assertThat(server.downloadRequests()).isEmpty();
    }

    @Test
    void theKeyGoesToTheApiButNeverToTheDownloadHost() {
        // given
        server = FakeSoraServer.builder(KEY, VideoContractMedia.video()).start();
        SoraVideoGenerator generator = generator(SoraVideoGeneratorContractTest.config(server, KEY, TIMEOUT));
        ClipJob done = finish(generator, generator.submit(VideoContractMedia.request("Ms. Goblina keeps secrets", 4, 720, 1280)));

        // when
        generator.download(done.providerJobId(), work.resolve("clip.mp4"));

        // then
        assertThat(server.downloadRequests()).hasSize(1);
        assertThat(server.downloadRequests().getFirst().header("authorization")).isEmpty();
    }

    @Test
    void aSignedLinkThatExpiredBeforeUseIsTransientAndTheNextAttemptGetsAFreshOne() {
        // given links that are dead on arrival
        server = FakeSoraServer.builder(KEY, VideoContractMedia.video()).linkTtl(Duration.ZERO).start();
        SoraVideoGenerator generator = generator(SoraVideoGeneratorContractTest.config(server, KEY, TIMEOUT));
        ClipJob done = finish(generator, generator.submit(VideoContractMedia.request("Ms. Goblina runs late", 4, 720, 1280)));
        Path file = work.resolve("late.mp4");

        // when
        TransientFailure stale = catchThrowableOfType(TransientFailure.class, () -> generator.download(done.providerJobId(), file));
        server.linkTtl(Duration.ofHours(1));
        generator.download(done.providerJobId(), file);

        // then
        assertThat(stale).isNotNull();
        assertThat(server.refusedLinks()).isEqualTo(1);
        assertThat(new MediaProbe().probe(file).videoCodec()).isEqualTo("h264");
    }

    @Test
    void aVideoPastItsExpiryFailsItsDownloadPermanentlySayingSo() {
        // given a completed video left uncopied for more than its retention
        server = FakeSoraServer.builder(KEY, VideoContractMedia.video()).keptFor(Duration.ofHours(1)).start();
        SoraVideoGenerator generator = generator(SoraVideoGeneratorContractTest.config(server, KEY, TIMEOUT));
        ClipJob done = finish(generator, generator.submit(VideoContractMedia.request("Ms. Goblina forgets", 4, 720, 1280)));
        server.advance(Duration.ofHours(2));

        // when
        PermanentFailure failure = catchThrowableOfType(PermanentFailure.class,
                () -> generator.download(done.providerJobId(), work.resolve("expired.mp4")));

        // then
        assertThat(failure.reason()).contains("expired");
    }

    @Test
    void cancellingAFinishedVideoDeletesItFromTheProvider() {
        // given
        server = FakeSoraServer.builder(KEY, VideoContractMedia.video()).start();
        SoraVideoGenerator generator = generator(SoraVideoGeneratorContractTest.config(server, KEY, TIMEOUT));
        ClipJob done = finish(generator, generator.submit(VideoContractMedia.request("Ms. Goblina tidies up", 4, 720, 1280)));

        // when
        generator.cancel(done.providerJobId());

        // then
        assertThat(server.deletes()).isEqualTo(1);
        assertThat(catchThrowableOfType(PermanentFailure.class, () -> generator.status(done.providerJobId()))).isNotNull();
    }

    @Test
    void cancellingARunningVideoDeletesNothing() {
        // given
        server = FakeSoraServer.builder(KEY, VideoContractMedia.video()).start();
        SoraVideoGenerator generator = generator(SoraVideoGeneratorContractTest.config(server, KEY, TIMEOUT));
        ClipJob running = generator.submit(VideoContractMedia.request("Ms. Goblina is busy", 4, 720, 1280));

        // when
        generator.cancel(running.providerJobId());

        // then
        assertThat(server.deletes()).isZero();
    }

    @Test
    void theLookupReadsFurtherPagesUntilItPassesTheIntent() {
        // given our video, then five others after it, listed two per page
        server = FakeSoraServer.builder(KEY, VideoContractMedia.video()).start();
        SoraConfig config = withListing(SoraVideoGeneratorContractTest.config(server, KEY, TIMEOUT), 2, 5);
        SoraVideoGenerator generator = generator(config);
        ClipRequest ours = VideoContractMedia.request("Ms. Goblina was first", 4, 720, 1280);
        Instant intent = server.clock().instant();
        ClipJob submitted = generator.submit(ours);
        for (int i = 0; i < 5; i++) {
            generator.submit(VideoContractMedia.request("another clip " + i, 4, 720, 1280));
        }

        // when
        EarlierSubmission earlier = generator.findEarlier(ours, intent);

        // then
        assertThat(earlier.outcome()).isEqualTo(EarlierSubmission.Outcome.FOUND);
        assertThat(earlier.job().providerJobId()).isEqualTo(submitted.providerJobId());
        assertThat(server.lists()).isEqualTo(3);
    }

    @Test
    void aListingCutOffBeforeReachingTheIntentIsAmbiguousNotNotFound() {
        // given more videos since the intent than the page limit lets us read
        server = FakeSoraServer.builder(KEY, VideoContractMedia.video()).start();
        SoraConfig config = withListing(SoraVideoGeneratorContractTest.config(server, KEY, TIMEOUT), 2, 1);
        SoraVideoGenerator generator = generator(config);
        ClipRequest ours = VideoContractMedia.request("Ms. Goblina got buried", 4, 720, 1280);
        Instant intent = server.clock().instant();
        generator.submit(ours);
        for (int i = 0; i < 3; i++) {
            generator.submit(VideoContractMedia.request("a later clip " + i, 4, 720, 1280));
        }

        // when
        EarlierSubmission earlier = generator.findEarlier(ours, intent);

        // then
        assertThat(earlier.outcome()).isEqualTo(EarlierSubmission.Outcome.AMBIGUOUS);
    }

    @Test
    void theConfigurationNeverShowsTheKey() {
        server = FakeSoraServer.builder(KEY, VideoContractMedia.video()).start();

        assertThat(SoraVideoGeneratorContractTest.config(server, KEY, TIMEOUT).toString()).doesNotContain(KEY);
    }

    private SoraVideoGenerator generator(SoraConfig config) {
        return new SoraVideoGenerator(config, server.clock());
    }

    private ClipJob finish(SoraVideoGenerator generator, ClipJob job) {
        server.advance(Duration.ofMinutes(5));
        ClipJob done = generator.status(job.providerJobId());
        assertThat(done.state()).isEqualTo(ClipJob.State.SUCCEEDED);
        return done;
    }

    private static SoraConfig variant(SoraConfig c, SoraConfig.SizeStyle sizeStyle, SoraConfig.BodyStyle bodyStyle,
            boolean secondsAsInteger) {
        return new SoraConfig(c.apiKey(), null, c.baseUrl(), c.model(), sizeStyle, bodyStyle, secondsAsInteger,
                c.allowedSeconds(), c.sizes(), c.aspectRatios(), c.resolution(), c.downloadHosts(), c.connectTimeout(),
                c.createTimeout(), c.requestTimeout(), c.downloadTimeout(), c.maxResponseBytes(), c.maxVideoBytes(),
                c.listLimit(), c.listPages(), c.clockSkew());
    }

    private static SoraConfig withDownloadHosts(SoraConfig c, List<String> hosts) {
        return new SoraConfig(c.apiKey(), null, c.baseUrl(), c.model(), c.sizeStyle(), c.bodyStyle(), c.secondsAsInteger(),
                c.allowedSeconds(), c.sizes(), c.aspectRatios(), c.resolution(), hosts, c.connectTimeout(),
                c.createTimeout(), c.requestTimeout(), c.downloadTimeout(), c.maxResponseBytes(), c.maxVideoBytes(),
                c.listLimit(), c.listPages(), c.clockSkew());
    }

    private static SoraConfig withListing(SoraConfig c, int limit, int pages) {
        return new SoraConfig(c.apiKey(), null, c.baseUrl(), c.model(), c.sizeStyle(), c.bodyStyle(), c.secondsAsInteger(),
                c.allowedSeconds(), c.sizes(), c.aspectRatios(), c.resolution(), c.downloadHosts(), c.connectTimeout(),
                c.createTimeout(), c.requestTimeout(), c.downloadTimeout(), c.maxResponseBytes(), c.maxVideoBytes(), limit,
                pages, c.clockSkew());
    }
}
