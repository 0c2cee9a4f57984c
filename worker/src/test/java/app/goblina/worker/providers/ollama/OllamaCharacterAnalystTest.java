package app.goblina.worker.providers.ollama;

import static app.goblina.worker.providers.ContractFixtures.CHARACTER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import app.goblina.analysis.CharacterAnalyst;
import app.goblina.failures.PermanentFailure;
import app.goblina.testkit.fakes.ollama.FakeOllama;
import app.goblina.worker.providers.CharacterAnalystContractTest;
import app.goblina.worker.providers.VendorSignal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OllamaCharacterAnalystTest extends CharacterAnalystContractTest<FakeOllama> {

    @Override
    protected FakeOllama startFake() {
        return FakeOllama.start(OllamaTestConfig.MODEL);
    }

    @Override
    protected CharacterAnalyst adapter(FakeOllama fake, String key) {
        return OllamaTestConfig.adapters(fake, OllamaTestConfig.MODEL).analyst();
    }

    @Override
    protected List<VendorSignal<FakeOllama>> vendorSignals() {
        return OllamaTestConfig.SIGNALS;
    }

    @Test
    void theRequestAsksForOneJsonAnswerWithTheSchemaAndTheImage() {
        // when
        analyst.analyse(CHARACTER, image);

        // then
        Map<String, Object> body = fake.chatBodies().get(0);
        assertThat(body).containsEntry("stream", false).containsKey("format");
        assertThat(body.toString()).contains("images=[");
    }

    @Test
    void aModelThatIsNotPulledIsPermanentAndSaysHowToFixIt() {
        // given an adapter configured with a model the server lacks
        CharacterAnalyst missing = OllamaTestConfig.adapters(fake, "llava:13b").analyst();

        // when
        PermanentFailure failure = catchThrowableOfType(PermanentFailure.class, () -> missing.analyse(CHARACTER, image));

        // then
        assertThat(failure.reason()).contains("llava:13b").contains("not found").contains("ollama pull");
    }

    @Test
    void aDeclineInProseGoesThroughTheRepairLikeAnyInvalidAnswer() {
        // given
        fake.nextRefusal("I'm sorry, I can't describe this image.");

        // when
        var guide = analyst.analyse(CHARACTER, image);

        // then
        assertThat(guide.palette()).isNotEmpty();
        assertThat(fake.chatCalls()).isEqualTo(2);
    }

    @Test
    void theAnalystIsNamedOllamaAndReadsWithTheAnalysisModel() {
        // then
        assertThat(analyst.name()).isEqualTo("ollama");
        assertThat(analyst.model()).isEqualTo(OllamaTestConfig.MODEL);
    }
}
