package app.goblina.worker.providers.ollama;

import static app.goblina.worker.providers.ContractFixtures.brief;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import app.goblina.failures.PermanentFailure;
import app.goblina.scenarios.ScenarioWriter;
import app.goblina.testkit.fakes.ollama.FakeOllama;
import app.goblina.worker.providers.ScenarioWriterContractTest;
import org.junit.jupiter.api.Test;

class OllamaScenarioWriterTest extends ScenarioWriterContractTest<FakeOllama> {

    @Override
    protected FakeOllama startFake() {
        return FakeOllama.start(OllamaTestConfig.MODEL);
    }

    @Override
    protected ScenarioWriter adapter(FakeOllama fake, String key) {
        return new OllamaScenarioWriter(OllamaTestConfig.api(fake, OllamaTestConfig.MODEL));
    }

    @Override
    protected boolean signalsRefusals() {
        return false;
    }

    @Test
    void aModelThatIsNotPulledIsPermanent() {
        // given
        ScenarioWriter missing = new OllamaScenarioWriter(OllamaTestConfig.api(fake, "llama3.1:70b"));

        // when
        PermanentFailure failure = catchThrowableOfType(PermanentFailure.class, () -> missing.write(brief(3)));

        // then
        assertThat(failure.reason()).contains("llama3.1:70b").contains("ollama pull");
    }

    @Test
    void anAnswerCutOffAtTheLengthLimitGoesThroughTheRepair() {
        // given
        fake.nextTruncated();

        // when
        var drafts = writer.write(brief(3));

        // then
        assertThat(drafts).hasSize(3);
        assertThat(fake.chatCalls()).isEqualTo(2);
    }
}
