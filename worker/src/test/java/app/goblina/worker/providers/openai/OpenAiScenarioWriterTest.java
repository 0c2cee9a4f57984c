package app.goblina.worker.providers.openai;

import static app.goblina.worker.providers.ContractFixtures.brief;
import static org.assertj.core.api.Assertions.assertThat;

import app.goblina.scenarios.ScenarioWriter;
import app.goblina.testkit.fakes.openai.FakeOpenAi;
import app.goblina.worker.providers.ScenarioWriterContractTest;
import app.goblina.worker.providers.VendorSignal;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpenAiScenarioWriterTest extends ScenarioWriterContractTest<FakeOpenAi> {

    @Override
    protected FakeOpenAi startFake() {
        return FakeOpenAi.start("sk-test-0123456789");
    }

    @Override
    protected ScenarioWriter adapter(FakeOpenAi fake, String key) {
        return OpenAiTestConfig.adapters(fake, key).writer();
    }

    @Override
    protected List<VendorSignal<FakeOpenAi>> vendorSignals() {
        return OpenAiTestConfig.SIGNALS;
    }

    @Test
    void theRequestAsksForAStrictSchemaWithoutAnImage() {
        // when
        writer.write(brief(2));

        // then
        String body = fake.chatBodies().get(0).toString();
        assertThat(body).contains("name=scenarios").contains("strict=true").contains("additionalProperties=false")
                .contains("max_completion_tokens=4000").doesNotContain("image_url");
    }

    @Test
    void eachCallIsCountedUnderTheModelItAsksFor() {
        // given
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Metrics.addRegistry(registry);
        try {
            // when
            writer.write(brief(2));

            // then
            assertThat(registry.get("goblina.provider.calls").tag("provider", "openai").tag("model", "gpt-4.1-mini")
                    .tag("outcome", "2xx").counter().count()).isEqualTo(1);
        } finally {
            Metrics.removeRegistry(registry);
        }
    }

    @Test
    void theWriterIsNamedOpenAiAndWritesWithTheWritingModelByDefault() {
        // then
        assertThat(writer.name()).isEqualTo("openai");
        assertThat(writer.defaultModel()).isEqualTo("gpt-4.1-mini");
    }
}
