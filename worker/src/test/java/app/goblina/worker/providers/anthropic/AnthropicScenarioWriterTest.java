package app.goblina.worker.providers.anthropic;

import static app.goblina.worker.providers.ContractFixtures.brief;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import app.goblina.failures.PermanentFailure;
import app.goblina.failures.TransientFailure;
import app.goblina.scenarios.ScenarioWriter;
import app.goblina.testkit.fakes.anthropic.FakeAnthropic;
import app.goblina.worker.providers.ScenarioWriterContractTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AnthropicScenarioWriterTest extends ScenarioWriterContractTest<FakeAnthropic> {

    @Override
    protected FakeAnthropic startFake() {
        return FakeAnthropic.start("sk-ant-test-0123456789");
    }

    @Override
    protected ScenarioWriter adapter(FakeAnthropic fake, String key) {
        return new AnthropicScenarioWriter(AnthropicTestConfig.api(fake, key));
    }

    @Test
    void theRepairContinuesTheConversationWithTheModelsOwnAnswer() {
        // given
        fake.nextAnswerWith("scenes[0].title", "");

        // when
        writer.write(brief(2));

        // then the second request alternates user, assistant, user
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> messages = (List<Map<String, Object>>) fake.chatBodies().get(1).get("messages");
        assertThat(messages).extracting(m -> m.get("role")).containsExactly("user", "assistant", "user");
        assertThat(String.valueOf(messages.get(2).get("content"))).contains("scenario 1 title is empty");
    }

    @Test
    void anOverloadedApiIsTransient() {
        // given
        fake.nextOverloaded();

        // when
        TransientFailure failure = catchThrowableOfType(TransientFailure.class, () -> writer.write(brief(3)));

        // then
        assertThat(failure).hasMessageContaining("overloaded");
    }

    @Test
    void aReachedSpendLimitIsPermanentThoughItComesAsA429() {
        // given
        fake.nextSpendLimitReached();

        // when
        PermanentFailure failure = catchThrowableOfType(PermanentFailure.class, () -> writer.write(brief(3)));

        // then
        assertThat(failure.reason()).contains("spend limit");
    }

    @Test
    void anAnswerStoppedAtMaxTokensGoesThroughTheRepair() {
        // given
        fake.nextMaxTokens();

        // when
        var drafts = writer.write(brief(3));

        // then
        assertThat(drafts).hasSize(3);
        assertThat(fake.chatCalls()).isEqualTo(2);
    }
}
