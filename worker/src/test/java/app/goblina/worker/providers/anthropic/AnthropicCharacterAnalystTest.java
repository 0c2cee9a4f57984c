package app.goblina.worker.providers.anthropic;

import static app.goblina.worker.providers.ContractFixtures.CHARACTER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import app.goblina.analysis.CharacterAnalyst;
import app.goblina.domain.StyleGuide;
import app.goblina.failures.PermanentFailure;
import app.goblina.failures.TransientFailure;
import app.goblina.testkit.fakes.anthropic.FakeAnthropic;
import app.goblina.testkit.fakes.llm.RecordedRequest;
import app.goblina.worker.providers.CharacterAnalystContractTest;
import org.junit.jupiter.api.Test;

class AnthropicCharacterAnalystTest extends CharacterAnalystContractTest<FakeAnthropic> {

    @Override
    protected FakeAnthropic startFake() {
        return FakeAnthropic.start("sk-ant-test-0123456789");
    }

    @Override
    protected CharacterAnalyst adapter(FakeAnthropic fake, String key) {
        return new AnthropicCharacterAnalyst(AnthropicTestConfig.api(fake, key));
    }

    @Test
    void theRequestCarriesTheVersionMaxTokensABase64ImageBlockAndTheOutputSchema() {
        // when
        analyst.analyse(CHARACTER, image);

        // then
        RecordedRequest request = fake.lastRequest().orElseThrow();
        assertThat(request.header("anthropic-version")).contains("2023-06-01");
        assertThat(request.json()).containsKeys("max_tokens", "system", "output_config");
        assertThat(request.json().toString()).contains("type=base64").contains("media_type=image/png")
                .contains("type=json_schema");
    }

    @Test
    void anOverloadedApiIsTransient() {
        // given
        fake.nextOverloaded();

        // when
        TransientFailure failure = catchThrowableOfType(TransientFailure.class, () -> analyst.analyse(CHARACTER, image));

        // then
        assertThat(failure).hasMessageContaining("529");
    }

    @Test
    void aReachedSpendLimitIsPermanentThoughItComesAsA429() {
        // given
        fake.nextSpendLimitReached();

        // when
        PermanentFailure failure = catchThrowableOfType(PermanentFailure.class, () -> analyst.analyse(CHARACTER, image));

        // then
        assertThat(failure.reason()).contains("spend limit");
        assertThat(fake.chatCalls()).isEqualTo(1);
    }

    @Test
    void anAccountWithoutCreditIsPermanentAndSaysSo() {
        // given
        fake.nextCreditTooLow();

        // when
        PermanentFailure failure = catchThrowableOfType(PermanentFailure.class, () -> analyst.analyse(CHARACTER, image));

        // then
        assertThat(failure.reason()).contains("credit balance is too low");
    }

    @Test
    void anAnswerStoppedAtMaxTokensGoesThroughTheRepair() {
        // given
        fake.nextMaxTokens();

        // when
        StyleGuide guide = analyst.analyse(CHARACTER, image);

        // then
        assertThat(guide.palette()).isNotEmpty();
        assertThat(fake.chatCalls()).isEqualTo(2);
    }
}
