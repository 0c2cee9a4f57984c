package app.goblina.worker.providers.openai;

import static app.goblina.worker.providers.ContractFixtures.CHARACTER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import app.goblina.analysis.CharacterAnalyst;
import app.goblina.failures.PermanentFailure;
import app.goblina.failures.TransientFailure;
import app.goblina.testkit.fakes.openai.FakeOpenAi;
import app.goblina.worker.providers.CharacterAnalystContractTest;
import app.goblina.worker.providers.VendorSignal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OpenAiCharacterAnalystTest extends CharacterAnalystContractTest<FakeOpenAi> {

    @Override
    protected FakeOpenAi startFake() {
        return FakeOpenAi.start("sk-test-0123456789");
    }

    @Override
    protected CharacterAnalyst adapter(FakeOpenAi fake, String key) {
        return OpenAiTestConfig.adapters(fake, key).analyst();
    }

    @Override
    protected List<VendorSignal<FakeOpenAi>> vendorSignals() {
        return OpenAiTestConfig.SIGNALS;
    }

    @Test
    void theImageGoesAsADataUrlWithTheConfiguredDetailAndTheAnswerIsAStrictSchema() {
        // when
        analyst.analyse(CHARACTER, image);

        // then
        Map<String, Object> body = fake.chatBodies().get(0);
        assertThat(body.toString()).contains("url=data:image/png;base64,").contains("detail=low")
                .contains("type=json_schema").contains("strict=true").contains("name=style_guide");
    }

    @Test
    void aRetryAfterInMillisecondsIsPreferredToTheRoundedSeconds() {
        // given
        fake.nextRateLimitedMillis(1500);

        // when
        TransientFailure failure = catchThrowableOfType(TransientFailure.class, () -> analyst.analyse(CHARACTER, image));

        // then
        assertThat(failure.retryAfter()).contains(Duration.ofMillis(1500));
    }

    @Test
    void aKeyRevokedSinceIsPermanent() {
        // given
        fake.nextUnauthorized();

        // when
        PermanentFailure failure = catchThrowableOfType(PermanentFailure.class, () -> analyst.analyse(CHARACTER, image));

        // then
        assertThat(failure.reason()).isEqualTo("openai: HTTP 401 (the API key was refused)");
    }

    @Test
    void theAnalystIsNamedOpenAiAndReadsWithTheAnalysisModel() {
        // then
        assertThat(analyst.name()).isEqualTo("openai");
        assertThat(analyst.model()).isEqualTo("gpt-4.1-mini");
    }
}
