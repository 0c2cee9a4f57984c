package app.goblina.worker.providers.anthropic;

import static app.goblina.worker.providers.ContractFixtures.brief;
import static org.assertj.core.api.Assertions.assertThat;

import app.goblina.scenarios.ScenarioWriter;
import app.goblina.testkit.fakes.anthropic.FakeAnthropic;
import app.goblina.worker.providers.ScenarioWriterContractTest;
import app.goblina.worker.providers.VendorSignal;
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
        return AnthropicTestConfig.adapters(fake, key).writer();
    }

    @Override
    protected List<VendorSignal<FakeAnthropic>> vendorSignals() {
        return AnthropicTestConfig.SIGNALS;
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
    void theWriterIsNamedAnthropicAndWritesWithTheWritingModelByDefault() {
        // then
        assertThat(writer.name()).isEqualTo("anthropic");
        assertThat(writer.defaultModel()).isEqualTo("claude-sonnet-4-5");
    }
}
