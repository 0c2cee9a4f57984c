package app.goblina.worker.providers.fal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import app.goblina.clips.ClipRequest;
import app.goblina.clips.EarlierSubmission;
import app.goblina.failures.TransientFailure;
import app.goblina.testkit.fakes.fal.FakeFalServer;
import app.goblina.testkit.fakes.video.Fault;
import app.goblina.worker.providers.VideoContractMedia;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The lookup of a lost submit against a request history that, as fal's may, lists requests only once they end:
 * finding nothing soon after the intent proves nothing, so the lookup waits rather than pay twice.
 */
class FalEarlierSubmissionsTest {

    private FakeFalServer server;
    private FalVideoGenerator generator;

    @BeforeEach
    void start() {
        server = FakeFalServer.builder(FalVideoGeneratorContractTest.KEY, VideoContractMedia.video()).start();
        generator = new FalVideoGenerator(FalVideoGeneratorContractTest.config(server, FalVideoGeneratorContractTest.KEY,
                Duration.ofMillis(500), false, null), server.clock());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aLostSubmitStillRunningIsNotListedSoTheLookupWaitsInsteadOfSendingAgain() {
        ClipRequest request = VideoContractMedia.request("Ms. Goblina stirs the cauldron", 5, 720, 1280);
        Instant intent = server.clock().instant();
        server.fail(FakeFalServer.Endpoint.SUBMIT, Fault.slow(Duration.ofSeconds(2)));
        catchThrowableOfType(TransientFailure.class, () -> generator.submit(request));

        TransientFailure notYet = catchThrowableOfType(TransientFailure.class, () -> generator.findEarlier(request, intent));

        assertThat(notYet).isNotNull();
        assertThat(notYet.getMessage()).contains("proves nothing");
        assertThat(notYet.retryAfter()).hasValueSatisfying(wait -> assertThat(wait).isPositive());
        assertThat(server.creates()).isEqualTo(1);
    }

    @Test
    void onceTheLostRequestHasEndedTheLookupAdoptsIt() {
        ClipRequest request = VideoContractMedia.request("Ms. Goblina tastes the soup", 5, 720, 1280);
        Instant intent = server.clock().instant();
        server.fail(FakeFalServer.Endpoint.SUBMIT, Fault.slow(Duration.ofSeconds(2)));
        catchThrowableOfType(TransientFailure.class, () -> generator.submit(request));
        server.advance(Duration.ofMinutes(2));

        EarlierSubmission earlier = generator.findEarlier(request, intent);

        assertThat(earlier.outcome()).isEqualTo(EarlierSubmission.Outcome.FOUND);
        assertThat(earlier.job().providerJobId()).startsWith("fal-ai/kling-video:");
        assertThat(server.creates()).isEqualTo(1);
    }

    @Test
    void nothingListedLongAfterTheIntentMeansNothingWasQueued() {
        ClipRequest request = VideoContractMedia.request("Ms. Goblina never sent this", 5, 720, 1280);
        Instant intent = server.clock().instant();
        server.advance(Duration.ofMinutes(31));

        assertThat(generator.findEarlier(request, intent).outcome()).isEqualTo(EarlierSubmission.Outcome.NOT_FOUND);
    }

    @Test
    void theSubmitCarriesKlingsInputsAndTheJobIdNamesTheApp() {
        var job = generator.submit(VideoContractMedia.request("Ms. Goblina bows", 6, 720, 1280));

        assertThat(job.providerJobId()).matches("fal-ai/kling-video:[0-9a-f-]{36}");
        assertThat(server.lastInput()).hasValueSatisfying(input -> {
            assertThat(input).containsEntry("prompt", "Ms. Goblina bows").containsEntry("duration", "5");
            assertThat((String) input.get("image_url")).startsWith("data:image/jpeg;base64,");
            assertThat(input).doesNotContainKey("aspect_ratio");
        });
    }
}
