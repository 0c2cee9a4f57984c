package app.goblina.worker.providers.replicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import app.goblina.clips.ClipJob;
import app.goblina.clips.ClipRequest;
import app.goblina.clips.EarlierSubmission;
import app.goblina.failures.PermanentFailure;
import app.goblina.failures.TransientFailure;
import app.goblina.testkit.fakes.replicate.FakeReplicateServer;
import app.goblina.testkit.fakes.replicate.ReplicateErrors;
import app.goblina.testkit.fakes.FakeJson;
import app.goblina.worker.providers.VideoContractMedia;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the Replicate adapter does beyond the shared video contract: per-model inputs, webhooks, throttles, outputs. */
class ReplicateVideoGeneratorTest {

    private static final String TOKEN = ReplicateVideoGeneratorContractTest.TOKEN;
    private static final String KLING = "kwaivgi/kling-v2.5-turbo-pro";
    private static final String SEEDANCE = "bytedance/seedance-1-pro";
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @TempDir
    Path work;
    private FakeReplicateServer server;

    @BeforeEach
    void start() {
        server = FakeReplicateServer.builder(TOKEN, VideoContractMedia.video()).pageSize(2).start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void klingGetsItsStartFrameAsAJpegDataUrlUnderStartImageAndALengthItTakes() {
        // given
        ReplicateVideoGenerator generator = generator(KLING, null);

        // when: 4 s asked of a model that takes 5 or 10
        generator.submit(VideoContractMedia.request("Ms. Goblina bakes bread", 4, 720, 1280));

        // then
        Map<String, Object> body = FakeJson.parseObject(server.lastCreate().orElseThrow().bodyText());
        @SuppressWarnings("unchecked")
        Map<String, Object> input = (Map<String, Object>) body.get("input");
        assertThat(input.get("prompt")).isEqualTo("Ms. Goblina bakes bread");
        assertThat((String) input.get("start_image")).startsWith("data:image/jpeg;base64,");
        assertThat(input.get("duration")).isEqualTo(new BigDecimal(5));
        assertThat(input.get("aspect_ratio")).isEqualTo("9:16");
        assertThat(body).doesNotContainKeys("webhook", "webhook_events_filter");
    }

    @Test
    void seedanceGetsItsStartFrameUnderImageAndTheExactLength() {
        // given
        ReplicateVideoGenerator generator = generator(SEEDANCE, null);

        // when
        generator.submit(VideoContractMedia.request("Ms. Goblina dances", 4, 1280, 720));

        // then
        @SuppressWarnings("unchecked")
        Map<String, Object> input = (Map<String, Object>) FakeJson.parseObject(server.lastCreate().orElseThrow().bodyText()).get("input");
        assertThat(input).containsKey("image").doesNotContainKey("start_image");
        assertThat(input.get("duration")).isEqualTo(new BigDecimal(4));
        assertThat(input.get("aspect_ratio")).isEqualTo("16:9");
    }

    @Test
    void aFieldTheModelDoesNotKnowIsRefusedPermanentlyWithTheModelsOwnWords() {
        // given Kling's field name configured for Seedance
        ReplicateConfig base = ReplicateVideoGeneratorContractTest.config(server, TOKEN, TIMEOUT, SEEDANCE, null);
        ReplicateConfig wrong = new ReplicateConfig(base.apiToken(), base.baseUrl(), base.model(), "start_image",
                base.durationField(), base.aspectRatioField(), base.durations(), base.aspectRatios(), base.webhookUrl(),
                base.preferWait(), base.downloadHosts(), base.connectTimeout(), base.createTimeout(), base.requestTimeout(),
                base.downloadTimeout(), base.maxResponseBytes(), base.maxListBytes(), base.maxVideoBytes(), base.listPages(),
                base.clockSkew(), base.outputLifetime());

        // when
        PermanentFailure failure = catchThrowableOfType(PermanentFailure.class,
                () -> new ReplicateVideoGenerator(wrong, server.clock())
                        .submit(VideoContractMedia.request("Ms. Goblina mislabels", 4, 720, 1280)));

        // then
        assertThat(failure.reason()).contains("422").contains("start_image");
        assertThat(server.creates()).isZero();
    }

    @Test
    void aConfiguredWebhookIsAskedForOnCompletionOnly() {
        // given
        URI webhook = URI.create("https://goblina.example/v1/webhooks/replicate");
        ReplicateVideoGenerator generator = generator(KLING, webhook);

        // when
        generator.submit(VideoContractMedia.request("Ms. Goblina rings the bell", 4, 720, 1280));

        // then
        Map<String, Object> body = FakeJson.parseObject(server.lastCreate().orElseThrow().bodyText());
        assertThat(body.get("webhook")).isEqualTo(webhook.toString());
        assertThat(body.get("webhook_events_filter")).isEqualTo(List.of("completed"));
    }

    @Test
    void preferWaitIsSentWhenConfigured() {
        // given
        ReplicateConfig base = ReplicateVideoGeneratorContractTest.config(server, TOKEN, TIMEOUT, KLING, null);
        ReplicateConfig waiting = new ReplicateConfig(base.apiToken(), base.baseUrl(), base.model(), base.imageField(),
                base.durationField(), base.aspectRatioField(), base.durations(), base.aspectRatios(), base.webhookUrl(), 2,
                base.downloadHosts(), base.connectTimeout(), base.createTimeout(), base.requestTimeout(),
                base.downloadTimeout(), base.maxResponseBytes(), base.maxListBytes(), base.maxVideoBytes(), base.listPages(),
                base.clockSkew(), base.outputLifetime());

        // when
        new ReplicateVideoGenerator(waiting, server.clock()).submit(VideoContractMedia.request("Ms. Goblina waits", 4, 720, 1280));

        // then
        assertThat(server.lastCreate().orElseThrow().header("prefer")).contains("wait=2");
    }

    @Test
    void aCreateTimeoutNoLongerThanPreferWaitIsAConfigurationError() {
        ReplicateConfig base = ReplicateVideoGeneratorContractTest.config(server, TOKEN, TIMEOUT, KLING, null);

        Throwable error = catchThrowableOfType(IllegalArgumentException.class, () -> new ReplicateConfig(base.apiToken(),
                base.baseUrl(), base.model(), null, "duration", "aspect_ratio", List.of(5), List.of("9:16"), null, 30,
                List.of(), Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofSeconds(1), 2048,
                2048, 2048, 1, Duration.ofMinutes(1), Duration.ofHours(1)));

        assertThat(error).hasMessageContaining("prefer-wait");
    }

    @Test
    void aThrottleWithRetryAfterUsesTheHeader() {
        // given
        server.fail(FakeReplicateServer.Endpoint.CREATE, ReplicateErrors.throttled(12, true));

        // when
        TransientFailure failure = catchThrowableOfType(TransientFailure.class,
                () -> generator(KLING, null).submit(VideoContractMedia.request("Ms. Goblina hurries", 4, 720, 1280)));

        // then
        assertThat(failure.retryAfter()).contains(Duration.ofSeconds(12));
        assertThat(failure.getMessage()).contains("throttled");
    }

    @Test
    void progressComesFromTheModelsLogs() {
        // given
        ReplicateVideoGenerator generator = generator(KLING, null);
        ClipJob submitted = generator.submit(VideoContractMedia.request("Ms. Goblina counts", 4, 720, 1280));

        // when: a bit under half-way through a 90 s render that started after 3 s
        server.advance(Duration.ofSeconds(3 + 40));
        ClipJob running = generator.status(submitted.providerJobId());

        // then
        assertThat(running.state()).isEqualTo(ClipJob.State.RUNNING);
        assertThat(running.progress()).isEqualTo(40);
        assertThat(submitted.state()).isEqualTo(ClipJob.State.QUEUED);
    }

    @Test
    void anOutputOnAHostNotAllowedIsRefusedWithoutFetchingIt() {
        // given only Replicate's own delivery host allowed, while the fake serves from localhost
        ReplicateVideoGenerator generator = onlyReplicatesDeliveryHost();
        ClipJob submitted = generator.submit(VideoContractMedia.request("Ms. Goblina travels", 4, 720, 1280));
        server.advance(Duration.ofMinutes(5));

        // when
        PermanentFailure failure = catchThrowableOfType(PermanentFailure.class,
                () -> generator.download(submitted.providerJobId(), work.resolve("x.mp4")));

        // then
        assertThat(failure.reason()).contains("not an allowed download host");
        assertThat(server.downloadRequests()).isEmpty();
    }

    @Test
    void theTokenGoesToTheApiButNeverToTheDeliveryHost() {
        // given
        ReplicateVideoGenerator generator = generator(KLING, null);
        ClipJob submitted = generator.submit(VideoContractMedia.request("Ms. Goblina whispers", 4, 720, 1280));
        server.advance(Duration.ofMinutes(5));

        // when
        generator.download(submitted.providerJobId(), work.resolve("clip.mp4"));

        // then
        assertThat(server.downloadRequests()).hasSize(1);
        assertThat(server.downloadRequests().getFirst().header("authorization")).isEmpty();
        assertThat(server.downloads()).isEqualTo(1);
    }

    @Test
    void aSucceededStatusIsDownloadedFromItsOutputLinkWithoutAskingForThePredictionAgain() throws Exception {
        // given a poll that has just seen the prediction succeed
        ReplicateVideoGenerator generator = generator(KLING, null);
        ClipJob submitted = generator.submit(VideoContractMedia.request("Ms. Goblina bows", 4, 720, 1280));
        server.advance(Duration.ofMinutes(5));
        ClipJob finished = generator.status(submitted.providerJobId());
        Path clip = work.resolve("clip.mp4");

        // when
        generator.download(finished, clip);

        // then one status call in all, one file fetched, and the file is the prediction's output
        assertThat(finished.output()).isNotNull();
        assertThat(server.polls()).isEqualTo(1);
        assertThat(server.downloads()).isEqualTo(1);
        assertThat(Files.readAllBytes(clip)).isEqualTo(Files.readAllBytes(VideoContractMedia.video()));
    }

    @Test
    void anOutputLinkRefusedAfterTheStatusIsFetchedAgainFromAFreshPrediction() throws Exception {
        // given a delivery host that loses the file once
        ReplicateVideoGenerator generator = generator(KLING, null);
        ClipJob submitted = generator.submit(VideoContractMedia.request("Ms. Goblina blinks", 4, 720, 1280));
        server.advance(Duration.ofMinutes(5));
        ClipJob finished = generator.status(submitted.providerJobId());
        server.refuseNextDownloads(1);
        Path clip = work.resolve("clip.mp4");

        // when
        generator.download(finished, clip);

        // then the prediction was asked for again and its output fetched a second time
        assertThat(server.polls()).isEqualTo(2);
        assertThat(server.downloadRequests()).hasSize(2);
        assertThat(Files.readAllBytes(clip)).isEqualTo(Files.readAllBytes(VideoContractMedia.video()));
    }

    @Test
    void anOutputLinkOnAHostNotAllowedIsNotFetchedFromAStatusEither() {
        // given only Replicate's own delivery host allowed, while the fake serves from localhost
        ReplicateVideoGenerator generator = onlyReplicatesDeliveryHost();
        ClipJob submitted = generator.submit(VideoContractMedia.request("Ms. Goblina travels far", 4, 720, 1280));
        server.advance(Duration.ofMinutes(5));
        ClipJob finished = generator.status(submitted.providerJobId());

        // when
        PermanentFailure failure = catchThrowableOfType(PermanentFailure.class,
                () -> generator.download(finished, work.resolve("x.mp4")));

        // then
        assertThat(failure.reason()).contains("not an allowed download host");
        assertThat(server.downloadRequests()).isEmpty();
    }

    @Test
    void downloadingBeforeTheOutputExistsIsTransient() {
        // given
        ReplicateVideoGenerator generator = generator(KLING, null);
        ClipJob submitted = generator.submit(VideoContractMedia.request("Ms. Goblina is impatient", 4, 720, 1280));

        // when
        TransientFailure failure = catchThrowableOfType(TransientFailure.class,
                () -> generator.download(submitted.providerJobId(), work.resolve("early.mp4")));

        // then
        assertThat(failure).isNotNull();
    }

    @Test
    void cancellingAFinishedPredictionLeavesItSucceeded() {
        // given
        ReplicateVideoGenerator generator = generator(KLING, null);
        ClipJob submitted = generator.submit(VideoContractMedia.request("Ms. Goblina is done", 4, 720, 1280));
        server.advance(Duration.ofMinutes(5));

        // when
        generator.cancel(submitted.providerJobId());

        // then
        assertThat(generator.status(submitted.providerJobId()).state()).isEqualTo(ClipJob.State.SUCCEEDED);
        assertThat(server.cancels()).isEqualTo(1);
    }

    @Test
    void theLookupFollowsNextPagesOnTheApiHostUntilItPassesTheIntent() {
        // given our prediction, then three more, listed two per page
        ReplicateVideoGenerator generator = generator(KLING, null);
        ClipRequest ours = VideoContractMedia.request("Ms. Goblina came first", 4, 720, 1280);
        Instant intent = server.clock().instant();
        ClipJob submitted = generator.submit(ours);
        for (int i = 0; i < 3; i++) {
            generator.submit(VideoContractMedia.request("another prediction " + i, 4, 720, 1280));
        }

        // when
        EarlierSubmission earlier = generator.findEarlier(ours, intent);

        // then
        assertThat(earlier.outcome()).isEqualTo(EarlierSubmission.Outcome.FOUND);
        assertThat(earlier.job().providerJobId()).isEqualTo(submitted.providerJobId());
        assertThat(server.lists()).isEqualTo(2);
    }

    @Test
    void theSameTextAtAnotherLengthIsNotTheSameSubmission() {
        // given
        ReplicateVideoGenerator generator = generator(KLING, null);
        Instant intent = server.clock().instant();
        generator.submit(VideoContractMedia.request("Ms. Goblina repeats herself", 10, 720, 1280));

        // when
        EarlierSubmission earlier = generator.findEarlier(VideoContractMedia.request("Ms. Goblina repeats herself", 4, 720,
                1280), intent);

        // then
        assertThat(earlier.outcome()).isEqualTo(EarlierSubmission.Outcome.NOT_FOUND);
    }

    @Test
    void theConfigurationNeverShowsTheToken() {
        assertThat(ReplicateVideoGeneratorContractTest.config(server, TOKEN, TIMEOUT, KLING, null).toString())
                .doesNotContain(TOKEN);
    }

    /** A generator that allows downloads from {@code replicate.delivery} only, while the fake serves from localhost. */
    private ReplicateVideoGenerator onlyReplicatesDeliveryHost() {
        ReplicateConfig base = ReplicateVideoGeneratorContractTest.config(server, TOKEN, TIMEOUT, KLING, null);
        ReplicateConfig strict = new ReplicateConfig(base.apiToken(), base.baseUrl(), base.model(), base.imageField(),
                base.durationField(), base.aspectRatioField(), base.durations(), base.aspectRatios(), base.webhookUrl(),
                base.preferWait(), List.of("replicate.delivery"), base.connectTimeout(), base.createTimeout(),
                base.requestTimeout(), base.downloadTimeout(), base.maxResponseBytes(), base.maxListBytes(),
                base.maxVideoBytes(), base.listPages(), base.clockSkew(), base.outputLifetime());
        return new ReplicateVideoGenerator(strict, server.clock());
    }

    private ReplicateVideoGenerator generator(String model, URI webhook) {
        return new ReplicateVideoGenerator(ReplicateVideoGeneratorContractTest.config(server, TOKEN, TIMEOUT, model, webhook),
                server.clock());
    }
}
