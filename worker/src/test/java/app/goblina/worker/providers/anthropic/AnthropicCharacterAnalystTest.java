package app.goblina.worker.providers.anthropic;

import static app.goblina.worker.providers.ContractFixtures.CHARACTER;
import static org.assertj.core.api.Assertions.assertThat;

import app.goblina.analysis.CharacterAnalyst;
import app.goblina.testkit.fakes.anthropic.FakeAnthropic;
import app.goblina.testkit.fakes.llm.RecordedRequest;
import app.goblina.worker.providers.CharacterAnalystContractTest;
import app.goblina.worker.providers.VendorSignal;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnthropicCharacterAnalystTest extends CharacterAnalystContractTest<FakeAnthropic> {

    @Override
    protected FakeAnthropic startFake() {
        return FakeAnthropic.start("sk-ant-test-0123456789");
    }

    @Override
    protected CharacterAnalyst adapter(FakeAnthropic fake, String key) {
        return AnthropicTestConfig.adapters(fake, key).analyst();
    }

    @Override
    protected List<VendorSignal<FakeAnthropic>> vendorSignals() {
        return AnthropicTestConfig.SIGNALS;
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
    void theAnalystIsNamedAnthropicAndReadsWithTheAnalysisModel() {
        // then
        assertThat(analyst.name()).isEqualTo("anthropic");
        assertThat(analyst.model()).isEqualTo("claude-sonnet-4-5");
    }
}
