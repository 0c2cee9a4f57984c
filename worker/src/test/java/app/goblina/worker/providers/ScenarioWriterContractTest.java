package app.goblina.worker.providers;

import static app.goblina.worker.providers.ContractFixtures.CHARACTER;
import static app.goblina.worker.providers.ContractFixtures.MAX_RESPONSE_BYTES;
import static app.goblina.worker.providers.ContractFixtures.SLOWER_THAN_TIMEOUT;
import static app.goblina.worker.providers.ContractFixtures.brief;
import static app.goblina.worker.providers.ContractFixtures.failsWithinTheTimeoutBound;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import app.goblina.domain.Preset;
import app.goblina.domain.ScenarioDraft;
import app.goblina.failures.PermanentFailure;
import app.goblina.failures.TransientFailure;
import app.goblina.scenarios.ScenarioBrief;
import app.goblina.scenarios.ScenarioWriter;
import app.goblina.testkit.fakes.FakeJson;
import app.goblina.testkit.fakes.llm.LlmFake;
import java.time.Duration;
import java.util.List;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What every {@link ScenarioWriter} must do, run by each adapter through a thin subclass against its vendor's
 * fake. Adapters that make no HTTP calls (the local one) return no fake; the tests about provider behaviour then
 * report themselves skipped, and the rest still run.
 *
 * @param <F> the vendor's fake, for the vendor-specific tests of a subclass
 */
public abstract class ScenarioWriterContractTest<F extends LlmFake> {

    protected F fake;
    protected ScenarioWriter writer;

    /** Starts this vendor's fake server, or returns null when the adapter calls no server. */
    protected abstract F startFake();

    /**
     * The adapter under test, talking to {@code fake} (null for the local adapter) with {@code key}, a request
     * timeout of {@link ContractFixtures#TIMEOUT} and a response cap of {@link ContractFixtures#MAX_RESPONSE_BYTES}.
     */
    protected abstract ScenarioWriter adapter(F fake, String key);

    /** The vendor's own failure signals, beyond the rate limits and server errors every vendor has. */
    protected List<VendorSignal<F>> vendorSignals() {
        return List.of();
    }

    @BeforeEach
    void startAdapter() {
        fake = startFake();
        writer = adapter(fake, fake == null ? null : fake.acceptedKey().orElse(null));
    }

    @AfterEach
    void stopFake() {
        if (fake != null) {
            fake.close();
        }
    }

    /** The fake, or a skip for adapters that call no provider. */
    protected F remote() {
        assumeTrue(fake != null, "this adapter calls no provider");
        return fake;
    }

    @ParameterizedTest(name = "{0} scenes")
    @ValueSource(ints = {1, 3, 8})
    void theWriterReturnsExactlyTheScenesAskedForWithinTheDraftLimits(int count) {
        // given
        ScenarioBrief brief = brief(count);

        // when
        List<ScenarioDraft> drafts = writer.write(brief);

        // then
        assertThat(drafts).hasSize(count).allSatisfy(draft -> {
            assertThat(draft.title()).isNotBlank().hasSizeLessThanOrEqualTo(ScenarioDraft.MAX_TITLE);
            assertThat(draft.action()).isNotBlank().hasSizeLessThanOrEqualTo(ScenarioDraft.MAX_ACTION);
            assertThat(draft.caption()).isNotBlank().hasSizeLessThanOrEqualTo(ScenarioDraft.MAX_CAPTION);
            assertThat(draft.prompt()).isNotBlank().hasSizeLessThanOrEqualTo(ScenarioDraft.MAX_PROMPT);
        });
    }

    @Test
    void theModelIsGivenTheWholeBrief() {
        // given
        LlmFake provider = remote();
        ScenarioBrief brief = brief(3);

        // when
        writer.write(brief);

        // then
        String request = FakeJson.write(provider.chatBodies().get(0));
        assertThat(request).contains(CHARACTER).contains(brief.topic()).contains(Preset.SASSY.tone())
                .contains("exactly 3 scenes").contains("4 seconds")
                .contains(brief.styleGuide().appearance()).contains(brief.styleGuide().visualStyle())
                .contains("#4f9a3a").contains("secretly kind")
                .contains("title").contains("action").contains("caption").contains("prompt");
    }

    @Test
    void aRateLimitIsTransientAndCarriesTheProvidersWait() {
        // given
        remote().nextRateLimited(Duration.ofSeconds(2));

        // when
        TransientFailure failure = catchThrowableOfType(TransientFailure.class, () -> writer.write(brief(3)));

        // then
        assertThat(failure).isNotNull();
        assertThat(failure.retryAfter()).contains(Duration.ofSeconds(2));
    }

    @Test
    void aServerErrorIsTransient() {
        // given
        remote().nextServerError();

        // when
        TransientFailure failure = catchThrowableOfType(TransientFailure.class, () -> writer.write(brief(3)));

        // then
        assertThat(failure).isNotNull();
        assertThat(failure).hasMessageContaining("500");
    }

    @Test
    void aProviderSlowerThanTheTimeoutIsTransientAndTheCallGivesUpInTime() {
        // given
        remote().nextSlow(SLOWER_THAN_TIMEOUT);

        // when
        Throwable thrown = failsWithinTheTimeoutBound(() -> writer.write(brief(3)));

        // then
        assertThat(thrown).isInstanceOf(TransientFailure.class);
    }

    @Test
    void aRefusalIsPermanentAndQuotesTheProvider() {
        // given
        assumeTrue(remote().signalsRefusals(), "this vendor has no refusal signal; a refusal arrives as an invalid answer");
        remote().nextRefusal("I won't write scenes about that topic.");

        // when
        PermanentFailure failure = catchThrowableOfType(PermanentFailure.class, () -> writer.write(brief(3)));

        // then
        assertThat(failure).isNotNull();
        assertThat(failure.reason()).contains("I won't write scenes about that topic.");
        assertThat(fake.chatCalls()).isEqualTo(1);
    }

    @Test
    void eachOfTheVendorsOwnFailureSignalsIsTransientOrPermanentAsItMeansAndEndsTheCall() {
        List<VendorSignal<F>> signals = vendorSignals();
        assumeTrue(!signals.isEmpty(), "this adapter's vendor has no failure signals of its own");
        SoftAssertions softly = new SoftAssertions();
        for (VendorSignal<F> signal : signals) {
            // given
            int callsBefore = fake.chatCalls();
            signal.script().accept(fake);

            // when
            Throwable thrown = catchThrowable(() -> writer.write(brief(3)));

            // then
            softly.assertThat(thrown).as(signal.name()).isInstanceOf(signal.kind())
                    .hasMessageContaining(signal.words());
            softly.assertThat(fake.chatCalls() - callsBefore).as(signal.name() + ": calls").isEqualTo(1);
        }
        softly.assertAll();
    }

    @Test
    void anAnswerCutOffAtTheLengthLimitGoesThroughTheRepair() {
        // given
        remote().nextCutOffAtLengthLimit();

        // when
        List<ScenarioDraft> drafts = writer.write(brief(3));

        // then
        assertThat(drafts).hasSize(3);
        assertThat(fake.chatCalls()).isEqualTo(2);
        assertThat(FakeJson.write(fake.chatBodies().get(1))).contains("cut off at the length limit");
    }

    @Test
    void aRefusedKeyIsPermanentAndTheKeyIsNotRepeated() {
        // given an adapter holding a key the provider does not know
        F provider = remote();
        assumeTrue(provider.acceptedKey().isPresent(), "this vendor takes no key");
        ScenarioWriter withWrongKey = adapter(provider, "sk-wrong-key-0123456789abcdef");

        // when
        PermanentFailure failure = catchThrowableOfType(PermanentFailure.class, () -> withWrongKey.write(brief(3)));

        // then
        assertThat(failure).isNotNull();
        assertThat(failure.reason()).contains("401").doesNotContain("wrong-key").doesNotContain("cdef");
    }

    @Test
    void aCaptionTooLongIsRepairedOnceByShowingTheModelWhatWasWrong() {
        // given a first answer whose second caption is 240 characters
        remote().nextAnswerWith("scenes[1].caption", "x".repeat(240));

        // when
        List<ScenarioDraft> drafts = writer.write(brief(3));

        // then
        assertThat(drafts).hasSize(3);
        assertThat(drafts.get(1).caption()).hasSizeLessThanOrEqualTo(ScenarioDraft.MAX_CAPTION);
        assertThat(fake.chatCalls()).isEqualTo(2);
        assertThat(FakeJson.write(fake.chatBodies().get(1))).contains("scenario 2 caption is 240 characters (max 160)");
    }

    @Test
    void tooFewScenesAreRepairedOnce() {
        // given a first answer with two of the three scenes
        remote().nextAnswerWithout("scenes[2]");

        // when
        List<ScenarioDraft> drafts = writer.write(brief(3));

        // then
        assertThat(drafts).hasSize(3);
        assertThat(fake.chatCalls()).isEqualTo(2);
        assertThat(FakeJson.write(fake.chatBodies().get(1))).contains("has 2 items (expected exactly 3)");
    }

    @Test
    void anAnswerStillInvalidAfterTheRepairIsPermanentAndSaysWhatWasWrong() {
        // given two answers whose second caption is too long
        remote().nextAnswerWith("scenes[1].caption", "x".repeat(240))
                .nextAnswerWith("scenes[1].caption", "y".repeat(240));

        // when
        PermanentFailure failure = catchThrowableOfType(PermanentFailure.class, () -> writer.write(brief(3)));

        // then
        assertThat(failure).isNotNull();
        assertThat(failure.reason()).isEqualTo(
                "the writer's answer was invalid after one repair: scenario 2 caption is 240 characters (max 160)");
        assertThat(fake.chatCalls()).isEqualTo(2);
    }

    @Test
    void anAnswerLargerThanTheResponseCapIsPermanent() {
        // given
        remote().nextAnswerWith("scenes[0].prompt", "x".repeat(MAX_RESPONSE_BYTES * 2));

        // when
        PermanentFailure failure = catchThrowableOfType(PermanentFailure.class, () -> writer.write(brief(3)));

        // then
        assertThat(failure).isNotNull();
        assertThat(failure.reason()).contains(MAX_RESPONSE_BYTES + "-byte limit");
        assertThat(fake.chatCalls()).isEqualTo(1);
    }
}
