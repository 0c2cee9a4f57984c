package app.goblina.worker.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import app.goblina.clips.ClipJob;
import app.goblina.clips.ClipRequest;
import app.goblina.clips.EarlierSubmission;
import app.goblina.clips.VideoGenerator;
import app.goblina.failures.PermanentFailure;
import app.goblina.failures.TransientFailure;
import app.goblina.testkit.fakes.video.LoopbackServer;
import app.goblina.testkit.fakes.video.Reply;
import app.goblina.worker.media.MediaProbe;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every {@link VideoGenerator} must do, run by each implementation through a thin subclass: the local
 * renderer directly, provider adapters against their vendor's fake server. Tests about provider behaviour (faults,
 * lookups of earlier submissions, links) need a fake and report themselves skipped for the local renderer.
 *
 * <p>No test sleeps: provider time moves through {@link ProviderFake#advance}; the only real wait is a fake's
 * deliberately slow answer in the timeout test.
 */
public abstract class VideoGeneratorContractTest {

    /** The request timeout adapters under contract test get: short, so the slow-provider test stays quick. */
    protected static final Duration TIMEOUT = Duration.ofMillis(500);
    /** How long a slow fake holds its answer: well past {@link #TIMEOUT}. */
    protected static final Duration SLOWER_THAN_TIMEOUT = Duration.ofSeconds(3);
    /** A call that times out must give up within this: the timeout plus ample slack, a bound and not a benchmark. */
    protected static final Duration TIMEOUT_BOUND = Duration.ofSeconds(2);
    /** Polls allowed before a render must be finished; fakes render in about a minute of their time. */
    private static final int MAX_POLLS = 60;

    /** What a test can make a provider's fake do. Implemented by each subclass over its vendor's fake. */
    protected interface ProviderFake extends AutoCloseable {

        /** Moves the provider's time on (renders progress, links age, webhooks fire). */
        void advance(Duration by);

        /** The adapter against this fake with {@code key} and a request timeout of {@code timeout}. */
        VideoGenerator generator(String key, Duration timeout);

        String acceptedKey();

        int creates();

        int polls();

        int downloads();

        /** Prompts containing {@code marker} end failed by content policy; answers the provider's message. */
        String refusePromptsContaining(String marker);

        /** The next create is rate limited; answers the delay the provider announces. */
        Duration rateLimitNextCreate();

        void serverErrorOnNextStatus();

        void slowNextStatus(Duration delay);

        void slowNextCreate(Duration delay);

        void exhaustQuotaOnNextCreate();

        /** The next download link is refused although the video is still available at the provider. */
        void refuseNextDownloadLinkWhileAvailable();

        /** The provider no longer has the finished video's file (deleted, or past its retention). */
        void loseOutput(String providerJobId);

        /** What a running generation is after {@link VideoGenerator#cancel}, by the vendor's contract. */
        ClipJob.State stateAfterCancellingWhileRunning();

        @Override
        void close();
    }

    protected VideoGenerator generator;
    protected ProviderFake fake;
    @TempDir
    protected Path work;

    /** Starts the vendor's fake, or returns null for an implementation that calls no provider. */
    protected abstract ProviderFake startFake();

    /** The implementation under test when {@link #startFake()} returned null. */
    protected VideoGenerator localGenerator() {
        throw new UnsupportedOperationException("a subclass without a fake provides its generator here");
    }

    /** The request the tests submit; subclasses may make it cheaper (the local renderer really encodes it). */
    protected ClipRequest request(String prompt) {
        return VideoContractMedia.request(prompt, 4, 720, 1280);
    }

    /**
     * The first HTTP exchange in a JVM loads the client and server classes, about a second: without this it would
     * count against the half-second timeout of whichever test happens to run first.
     */
    @BeforeAll
    static void loadTheHttpStack() throws IOException, InterruptedException {
        try (LoopbackServer server = new LoopbackServer(request -> Reply.status(204)).start()) {
            HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/")).build(),
                    HttpResponse.BodyHandlers.discarding());
        }
    }

    @BeforeEach
    void startGenerator() {
        fake = startFake();
        generator = fake == null ? localGenerator() : fake.generator(fake.acceptedKey(), TIMEOUT);
    }

    @AfterEach
    void stopFake() {
        if (fake != null) {
            fake.close();
        }
    }

    /**
     * Whether the vendor's contract lets the adapter look up an earlier create (by listing its jobs). When it does
     * not, {@link VideoGenerator#findEarlier} must answer UNSUPPORTED, so the clip waits for a person rather than
     * paying twice, and the lookup tests check that instead.
     */
    protected boolean findsEarlierSubmissions() {
        return true;
    }

    /** Whether the vendor reports progress while rendering; one that does not shows 0 until done, then 100. */
    protected boolean reportsProgress() {
        return true;
    }

    /** The fake, or a skip for implementations that call no provider. */
    protected ProviderFake remote() {
        assumeTrue(fake != null, "this implementation calls no provider");
        return fake;
    }

    // ---- lifecycle ----

    @Test
    void aSubmittedClipCanBeFollowedToSuccessAndDownloadedAsARealMp4() throws IOException {
        // given
        ClipJob submitted = generator.submit(request("Ms. Goblina pours a latte with a smug grin"));

        // when
        ClipJob finished = followUntilFinished(submitted);
        Path file = work.resolve("clip.mp4");
        generator.download(finished.providerJobId(), file);

        // then
        assertThat(finished.state()).isEqualTo(ClipJob.State.SUCCEEDED);
        assertThat(finished.providerJobId()).isEqualTo(submitted.providerJobId());
        assertThat(Files.size(file)).isPositive();
        MediaProbe.MediaInfo info = new MediaProbe().probe(file);
        assertThat(info.videoCodec()).isEqualTo("h264");
        assertThat(info.durationSeconds()).isPositive();
    }

    @Test
    void progressRisesWhileTheClipRendersAndEndsAtAHundred() {
        ProviderFake provider = remote();
        // given
        ClipJob job = generator.submit(request("Ms. Goblina juggles three teacups"));
        List<Integer> progress = new ArrayList<>();

        // when
        for (int poll = 0; poll < MAX_POLLS && !job.isFinished(); poll++) {
            provider.advance(Duration.ofSeconds(10));
            job = generator.status(job.providerJobId());
            progress.add(job.progress());
        }

        // then
        assertThat(job.state()).isEqualTo(ClipJob.State.SUCCEEDED);
        assertThat(progress).isSorted();
        if (reportsProgress()) {
            assertThat(progress).anyMatch(p -> p > 0 && p < 100);
        } else {
            assertThat(progress.subList(0, progress.size() - 1)).containsOnly(0);
        }
        assertThat(progress.getLast()).isEqualTo(100);
    }

    @Test
    void aStatusBeforeTheRenderStartsIsQueuedOrRunningNeverFinished() {
        remote();
        // given
        ClipJob submitted = generator.submit(request("Ms. Goblina waits for the oven"));

        // when
        ClipJob now = generator.status(submitted.providerJobId());

        // then
        assertThat(now.state()).isIn(ClipJob.State.QUEUED, ClipJob.State.RUNNING);
        assertThat(now.isFinished()).isFalse();
    }

    // ---- failures ----

    @Test
    void aContentPolicyRefusalEndsTheJobFailedWithTheProvidersReason() {
        ProviderFake provider = remote();
        // given
        String message = provider.refusePromptsContaining("forbidden dance");

        // when
        ClipJob job = followUntilFinished(generator.submit(request("Ms. Goblina does the forbidden dance")));

        // then
        assertThat(job.state()).isEqualTo(ClipJob.State.FAILED);
        assertThat(job.failureReason()).contains(message);
    }

    @Test
    void aRateLimitIsTransientAndCarriesTheProvidersDelay() {
        ProviderFake provider = remote();
        // given
        Duration announced = provider.rateLimitNextCreate();

        // when
        TransientFailure failure = catchThrowableOfType(TransientFailure.class,
                () -> generator.submit(request("Ms. Goblina queues politely")));

        // then
        assertThat(failure).isNotNull();
        assertThat(failure.retryAfter()).contains(announced);
        assertThat(provider.creates()).isZero();
    }

    @Test
    void aServerErrorIsTransient() {
        ProviderFake provider = remote();
        // given
        ClipJob submitted = generator.submit(request("Ms. Goblina fixes the espresso machine"));
        provider.serverErrorOnNextStatus();

        // when
        TransientFailure failure = catchThrowableOfType(TransientFailure.class,
                () -> generator.status(submitted.providerJobId()));

        // then
        assertThat(failure).isNotNull();
        assertThat(generator.status(submitted.providerJobId()).isFinished()).isFalse();
    }

    @Test
    void aProviderSlowerThanTheTimeoutFailsTransientlyWithinAboutTheTimeout() {
        ProviderFake provider = remote();
        // given
        ClipJob submitted = generator.submit(request("Ms. Goblina naps on the counter"));
        provider.slowNextStatus(SLOWER_THAN_TIMEOUT);

        // when
        long started = System.nanoTime();
        Throwable failure = catchThrowableOfType(TransientFailure.class, () -> generator.status(submitted.providerJobId()));
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        // then
        assertThat(failure).isInstanceOf(TransientFailure.class);
        assertThat(took).isGreaterThanOrEqualTo(TIMEOUT).isLessThan(TIMEOUT_BOUND);
    }

    @Test
    void aWrongKeyIsPermanentAndNeverQuotedInTheReason() {
        ProviderFake provider = remote();
        // given
        String wrongKey = "wrong-key-that-must-not-leak";
        VideoGenerator withWrongKey = provider.generator(wrongKey, TIMEOUT);

        // when
        PermanentFailure failure = catchThrowableOfType(PermanentFailure.class,
                () -> withWrongKey.submit(request("Ms. Goblina forgot her badge")));

        // then
        assertThat(failure).isNotNull();
        // most vendors answer 401; Google answers 400 API_KEY_INVALID
        assertThat(failure.reason()).containsAnyOf("401", "API key").doesNotContain(wrongKey)
                .doesNotContain(provider.acceptedKey());
        assertThat(provider.creates()).isZero();
    }

    @Test
    void anExhaustedQuotaIsPermanent() {
        ProviderFake provider = remote();
        // given
        provider.exhaustQuotaOnNextCreate();

        // when
        PermanentFailure failure = catchThrowableOfType(PermanentFailure.class,
                () -> generator.submit(request("Ms. Goblina counts her last coins")));

        // then
        assertThat(failure).isNotNull();
        assertThat(failure.reason()).isNotBlank();
        assertThat(provider.creates()).isZero();
    }

    // ---- submit once ----

    @Test
    void aCreateWhoseAnswerWasLostIsFoundAgainAndPaidOnlyOnce() {
        assumeTrue(findsEarlierSubmissions(), "the contract has no lookup; see aCreateThatCannotBeLookedUpIsReportedUnsupportedNeverSentAgain");
        ProviderFake provider = remote();
        // given a create the provider accepted but whose answer never reached us
        ClipRequest request = request("Ms. Goblina steams the milk");
        Instant intent = clock().instant();
        provider.slowNextCreate(SLOWER_THAN_TIMEOUT);
        catchThrowableOfType(TransientFailure.class, () -> generator.submit(request));

        // when
        EarlierSubmission earlier = generator.findEarlier(request, intent);

        // then
        assertThat(earlier.outcome()).isEqualTo(EarlierSubmission.Outcome.FOUND);
        assertThat(earlier.job().providerJobId()).isNotBlank();
        assertThat(generator.status(earlier.job().providerJobId()).providerJobId()).isEqualTo(earlier.job().providerJobId());
        assertThat(provider.creates()).isEqualTo(1);
    }

    @Test
    void findEarlierAfterACreateFindsThatSameJob() {
        assumeTrue(findsEarlierSubmissions(), "the contract has no lookup; see aCreateThatCannotBeLookedUpIsReportedUnsupportedNeverSentAgain");
        // given
        ClipRequest request = request("Ms. Goblina sketches a menu");
        Instant intent = clock().instant();
        ClipJob submitted = generator.submit(request);

        // when
        EarlierSubmission earlier = generator.findEarlier(request, intent);

        // then
        assertThat(earlier.outcome()).isEqualTo(EarlierSubmission.Outcome.FOUND);
        assertThat(earlier.job().providerJobId()).isEqualTo(submitted.providerJobId());
        if (fake != null) {
            assertThat(fake.creates()).isEqualTo(1);
        }
    }

    @Test
    void findEarlierWithNothingSubmittedIsNotFound() {
        assumeTrue(findsEarlierSubmissions(), "the contract has no lookup; see aCreateThatCannotBeLookedUpIsReportedUnsupportedNeverSentAgain");
        // given another clip was made, but not this one
        generator.submit(request("Ms. Goblina sweeps the floor"));

        // when
        EarlierSubmission earlier = generator.findEarlier(request("Ms. Goblina waters the plants"), clock().instant());

        // then
        assertThat(earlier.outcome()).isEqualTo(EarlierSubmission.Outcome.NOT_FOUND);
    }

    @Test
    void aMatchingVideoFromBeforeTheIntentIsNotTakenForThisOne() {
        assumeTrue(findsEarlierSubmissions(), "the contract has no lookup; see aCreateThatCannotBeLookedUpIsReportedUnsupportedNeverSentAgain");
        ProviderFake provider = remote();
        // given the same prompt was rendered an hour before this submission was intended
        ClipRequest request = request("Ms. Goblina opens the shop");
        generator.submit(request);
        provider.advance(Duration.ofHours(1));

        // when
        EarlierSubmission earlier = generator.findEarlier(request, clock().instant());

        // then
        assertThat(earlier.outcome()).isEqualTo(EarlierSubmission.Outcome.NOT_FOUND);
    }

    @Test
    void twoIdenticalCandidatesAreAmbiguousNeverAGuess() {
        assumeTrue(findsEarlierSubmissions(), "the contract has no lookup; see aCreateThatCannotBeLookedUpIsReportedUnsupportedNeverSentAgain");
        ProviderFake provider = remote();
        // given
        ClipRequest request = request("Ms. Goblina sings to the croissants");
        Instant intent = clock().instant();
        generator.submit(request);
        generator.submit(request);

        // when
        EarlierSubmission earlier = generator.findEarlier(request, intent);

        // then
        assertThat(earlier.outcome()).isEqualTo(EarlierSubmission.Outcome.AMBIGUOUS);
        assertThat(earlier.detail()).isNotBlank();
        assertThat(earlier.job()).isNull();
        assertThat(provider.creates()).isEqualTo(2);
    }

    @Test
    void aCreateThatCannotBeLookedUpIsReportedUnsupportedNeverSentAgain() {
        ProviderFake provider = remote();
        assumeTrue(!findsEarlierSubmissions(), "this contract can look earlier creates up");
        // given a create whose answer never reached us
        ClipRequest request = request("Ms. Goblina steams the milk");
        Instant intent = clock().instant();
        provider.slowNextCreate(SLOWER_THAN_TIMEOUT);
        catchThrowableOfType(TransientFailure.class, () -> generator.submit(request));

        // when
        EarlierSubmission earlier = generator.findEarlier(request, intent);

        // then the adapter says it cannot know, rather than guess or create again
        assertThat(earlier.outcome()).isEqualTo(EarlierSubmission.Outcome.UNSUPPORTED);
        assertThat(earlier.detail()).isNotBlank();
        assertThat(earlier.job()).isNull();
        assertThat(provider.creates()).isEqualTo(1);
    }

    // ---- cancel ----

    @Test
    void cancellingARunningGenerationDoesWhatTheContractAllows() {
        ProviderFake provider = remote();
        // given
        ClipJob submitted = generator.submit(request("Ms. Goblina starts a very long story"));
        provider.advance(Duration.ofSeconds(20));

        // when
        generator.cancel(submitted.providerJobId());

        // then
        assertThat(generator.status(submitted.providerJobId()).state()).isEqualTo(provider.stateAfterCancellingWhileRunning());
    }

    @Test
    void cancellingAnUnknownGenerationIsQuietAndLeavesOtherGenerationsRunning() {
        // given a generation of ours under way
        ClipJob running = generator.submit(request("Ms. Goblina keeps dancing"));

        // when an id the provider never issued is cancelled (well formed, so it reaches the provider)
        Throwable thrown = catchThrowable(() -> generator.cancel("abc123unknown"));

        // then nothing is thrown, and ours still finishes
        assertThat(thrown).isNull();
        assertThat(followUntilFinished(running).state()).isEqualTo(ClipJob.State.SUCCEEDED);
    }

    // ---- downloads ----

    @Test
    void aDownloadLinkRefusedWhileTheVideoIsAvailableIsRetriedAndThenSucceeds() throws IOException {
        ProviderFake provider = remote();
        // given
        ClipJob finished = followUntilFinished(generator.submit(request("Ms. Goblina takes a bow")));
        provider.refuseNextDownloadLinkWhileAvailable();
        Path file = work.resolve("retried.mp4");

        // when
        TransientFailure first = catchThrowableOfType(TransientFailure.class,
                () -> generator.download(finished.providerJobId(), file));
        generator.download(finished.providerJobId(), file);

        // then
        assertThat(first).isNotNull();
        assertThat(new MediaProbe().probe(file).videoCodec()).isEqualTo("h264");
        assertThat(provider.downloads()).isEqualTo(1);
    }

    @Test
    void aVideoTheProviderNoLongerHasFailsItsDownloadPermanently() {
        ProviderFake provider = remote();
        // given
        ClipJob finished = followUntilFinished(generator.submit(request("Ms. Goblina closes the shop")));
        provider.loseOutput(finished.providerJobId());

        // when
        PermanentFailure failure = catchThrowableOfType(PermanentFailure.class,
                () -> generator.download(finished.providerJobId(), work.resolve("gone.mp4")));

        // then
        assertThat(failure).isNotNull();
        assertThat(failure.reason()).isNotBlank();
    }

    // ---- polling and clocks ----

    /** Polls as a poll job would, moving the provider's time by its hint (or 10 s) between polls. */
    protected ClipJob followUntilFinished(ClipJob job) {
        ClipJob current = job;
        for (int poll = 0; poll < MAX_POLLS && !current.isFinished(); poll++) {
            if (fake != null) {
                fake.advance(current.suggestedPollDelay().filter(d -> !d.isZero()).orElse(Duration.ofSeconds(10)));
            }
            current = generator.status(current.providerJobId());
        }
        assertThat(current.isFinished()).as("finished within " + MAX_POLLS + " polls").isTrue();
        return current;
    }

    /** The provider's clock when there is one, else the real one: intents are compared with the provider's times. */
    protected Clock clock() {
        return Clock.systemUTC();
    }
}
