package app.goblina.worker.providers;

import static app.goblina.worker.providers.ContractFixtures.CHARACTER;
import static app.goblina.worker.providers.ContractFixtures.MAX_RESPONSE_BYTES;
import static app.goblina.worker.providers.ContractFixtures.SLOWER_THAN_TIMEOUT;
import static app.goblina.worker.providers.ContractFixtures.characterImage;
import static app.goblina.worker.providers.ContractFixtures.failsWithinTheTimeoutBound;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import app.goblina.analysis.CharacterAnalyst;
import app.goblina.analysis.CharacterImage;
import app.goblina.domain.StyleGuide;
import app.goblina.failures.PermanentFailure;
import app.goblina.failures.TransientFailure;
import app.goblina.testkit.fakes.FakeJson;
import app.goblina.testkit.fakes.llm.LlmFake;
import app.goblina.worker.providers.llm.StyleGuideSchema;
import java.time.Duration;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link CharacterAnalyst} must do, run by each adapter through a thin subclass against its vendor's
 * fake. Adapters that make no HTTP calls (the local one) return no fake; the tests about provider behaviour then
 * report themselves skipped, and the rest still run.
 *
 * @param <F> the vendor's fake, for the vendor-specific tests of a subclass
 */
public abstract class CharacterAnalystContractTest<F extends LlmFake> {

    protected F fake;
    protected CharacterAnalyst analyst;
    protected final CharacterImage image = characterImage();

    /** Starts this vendor's fake server, or returns null when the adapter calls no server. */
    protected abstract F startFake();

    /**
     * The adapter under test, talking to {@code fake} (null for the local adapter) with {@code key}, a request
     * timeout of {@link ContractFixtures#TIMEOUT} and a response cap of {@link ContractFixtures#MAX_RESPONSE_BYTES}.
     */
    protected abstract CharacterAnalyst adapter(F fake, String key);

    /** The vendor's own failure signals, beyond the rate limits and server errors every vendor has. */
    protected List<VendorSignal<F>> vendorSignals() {
        return List.of();
    }

    @BeforeEach
    void startAdapter() {
        fake = startFake();
        analyst = adapter(fake, fake == null ? null : fake.acceptedKey().orElse(null));
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

    @Test
    void anAnalysisIsAStyleGuideWithinOurLimits() {
        // given a character image

        // when
        StyleGuide guide = analyst.analyse(CHARACTER, image);

        // then
        assertThat(guide.appearance()).isNotBlank().hasSizeLessThanOrEqualTo(StyleGuideSchema.MAX_APPEARANCE);
        assertThat(guide.visualStyle()).isNotBlank().hasSizeLessThanOrEqualTo(StyleGuideSchema.MAX_VISUAL_STYLE);
        assertThat(guide.palette()).hasSizeBetween(1, StyleGuideSchema.MAX_COLOURS)
                .allSatisfy(colour -> assertThat(colour).matches("#[0-9a-f]{6}"));
        assertThat(guide.personalityHints()).hasSizeBetween(1, StyleGuideSchema.MAX_HINTS)
                .allSatisfy(hint -> assertThat(hint).isNotBlank().hasSizeLessThanOrEqualTo(StyleGuideSchema.MAX_HINT));
    }

    @Test
    void theModelIsShownTheImageAndTheNameAndColoursComeBackInLowerCase() {
        // given a provider that answers upper-case colours, as models often do
        LlmFake provider = remote();

        // when
        StyleGuide guide = analyst.analyse(CHARACTER, image);

        // then
        String request = FakeJson.write(provider.chatBodies().get(0));
        assertThat(request).contains(Base64.getEncoder().encodeToString(image.bytes())).contains(CHARACTER);
        assertThat(guide.palette()).startsWith("#3fa34d");
        assertThat(provider.chatCalls()).isEqualTo(1);
    }

    @Test
    void aRateLimitIsTransientAndCarriesTheProvidersWait() {
        // given
        remote().nextRateLimited(Duration.ofSeconds(2));

        // when
        TransientFailure failure = catchThrowableOfType(TransientFailure.class, () -> analyst.analyse(CHARACTER, image));

        // then
        assertThat(failure).isNotNull();
        assertThat(failure.retryAfter()).contains(Duration.ofSeconds(2));
    }

    @Test
    void aServerErrorIsTransient() {
        // given
        remote().nextServerError();

        // when
        TransientFailure failure = catchThrowableOfType(TransientFailure.class, () -> analyst.analyse(CHARACTER, image));

        // then
        assertThat(failure).isNotNull();
        assertThat(failure).hasMessageContaining("500");
    }

    @Test
    void aProviderSlowerThanTheTimeoutIsTransientAndTheCallGivesUpInTime() {
        // given
        remote().nextSlow(SLOWER_THAN_TIMEOUT);

        // when
        Throwable thrown = failsWithinTheTimeoutBound(() -> analyst.analyse(CHARACTER, image));

        // then
        assertThat(thrown).isInstanceOf(TransientFailure.class);
    }

    @Test
    void aRefusalIsPermanentAndQuotesTheProvider() {
        // given
        assumeTrue(remote().signalsRefusals(), "this vendor has no refusal signal; a refusal arrives as an invalid answer");
        remote().nextRefusal("I can't help with describing this image.");

        // when
        PermanentFailure failure = catchThrowableOfType(PermanentFailure.class, () -> analyst.analyse(CHARACTER, image));

        // then
        assertThat(failure).isNotNull();
        assertThat(failure.reason()).contains("I can't help with describing this image.");
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
            Throwable thrown = catchThrowable(() -> analyst.analyse(CHARACTER, image));

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
        StyleGuide guide = analyst.analyse(CHARACTER, image);

        // then
        assertThat(guide.palette()).isNotEmpty();
        assertThat(fake.chatCalls()).isEqualTo(2);
        assertThat(FakeJson.write(fake.chatBodies().get(1))).contains("cut off at the length limit");
    }

    @Test
    void aRefusedKeyIsPermanentAndTheKeyIsNotRepeated() {
        // given an adapter holding a key the provider does not know
        F provider = remote();
        assumeTrue(provider.acceptedKey().isPresent(), "this vendor takes no key");
        String wrongKey = "sk-wrong-key-0123456789abcdef";
        CharacterAnalyst withWrongKey = adapter(provider, wrongKey);

        // when
        PermanentFailure failure = catchThrowableOfType(PermanentFailure.class,
                () -> withWrongKey.analyse(CHARACTER, image));

        // then
        assertThat(failure).isNotNull();
        assertThat(failure.reason()).contains("401").doesNotContain("wrong-key").doesNotContain("cdef");
    }

    @Test
    void anInvalidAnswerIsRepairedOnceByShowingTheModelWhatWasWrong() {
        // given a first answer whose first colour is a name, not a hex code
        remote().nextAnswerWith("palette[0]", "green");

        // when
        StyleGuide guide = analyst.analyse(CHARACTER, image);

        // then
        assertThat(guide.palette()).startsWith("#3fa34d");
        assertThat(fake.chatCalls()).isEqualTo(2);
        String repair = FakeJson.write(fake.chatBodies().get(1));
        assertThat(repair).contains("palette colour 1 'green' is not a #rrggbb hex colour").contains("\\\"green\\\"");
    }

    @Test
    void anAnswerThatIsNotJsonIsRepairedOnce() {
        // given
        remote().nextAnswer("Sure! The character is a green goblin.");

        // when
        StyleGuide guide = analyst.analyse(CHARACTER, image);

        // then
        assertThat(guide.palette()).isNotEmpty();
        assertThat(fake.chatCalls()).isEqualTo(2);
    }

    @Test
    void anAnswerStillInvalidAfterTheRepairIsPermanentAndSaysWhatWasWrong() {
        // given two answers with too many colours
        List<String> nine = Collections.nCopies(9, "#112233");
        remote().nextAnswerWith("palette", nine).nextAnswerWith("palette", nine);

        // when
        PermanentFailure failure = catchThrowableOfType(PermanentFailure.class, () -> analyst.analyse(CHARACTER, image));

        // then
        assertThat(failure).isNotNull();
        assertThat(failure.reason()).isEqualTo(
                "the analyst's answer was invalid after one repair: palette has 9 items (expected 1 to 8)");
        assertThat(fake.chatCalls()).isEqualTo(2);
    }

    @Test
    void anAnswerLargerThanTheResponseCapIsPermanent() {
        // given
        remote().nextAnswerWith("appearance", "x".repeat(MAX_RESPONSE_BYTES * 2));

        // when
        PermanentFailure failure = catchThrowableOfType(PermanentFailure.class, () -> analyst.analyse(CHARACTER, image));

        // then
        assertThat(failure).isNotNull();
        assertThat(failure.reason()).contains(MAX_RESPONSE_BYTES + "-byte limit");
        assertThat(fake.chatCalls()).isEqualTo(1);
    }
}
