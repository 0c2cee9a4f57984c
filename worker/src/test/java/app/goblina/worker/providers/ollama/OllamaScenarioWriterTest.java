package app.goblina.worker.providers.ollama;

import static app.goblina.worker.providers.ContractFixtures.brief;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import app.goblina.failures.PermanentFailure;
import app.goblina.scenarios.ScenarioWriter;
import app.goblina.testkit.fakes.ollama.FakeOllama;
import app.goblina.worker.providers.ScenarioWriterContractTest;
import app.goblina.worker.providers.VendorSignal;
import java.util.List;
import org.junit.jupiter.api.Test;

class OllamaScenarioWriterTest extends ScenarioWriterContractTest<FakeOllama> {

    @Override
    protected FakeOllama startFake() {
        return FakeOllama.start(OllamaTestConfig.MODEL);
    }

    @Override
    protected ScenarioWriter adapter(FakeOllama fake, String key) {
        return OllamaTestConfig.adapters(fake, OllamaTestConfig.MODEL).writer();
    }

    @Override
    protected List<VendorSignal<FakeOllama>> vendorSignals() {
        return OllamaTestConfig.SIGNALS;
    }

    @Test
    void aModelThatIsNotPulledIsPermanent() {
        // given
        ScenarioWriter missing = OllamaTestConfig.adapters(fake, "llama3.1:70b").writer();

        // when
        PermanentFailure failure = catchThrowableOfType(PermanentFailure.class, () -> missing.write(brief(3)));

        // then
        assertThat(failure.reason()).contains("llama3.1:70b").contains("ollama pull");
    }

    @Test
    void theWriterIsNamedOllamaAndWritesWithTheWritingModelByDefault() {
        // then
        assertThat(writer.name()).isEqualTo("ollama");
        assertThat(writer.defaultModel()).isEqualTo(OllamaTestConfig.MODEL);
    }
}
