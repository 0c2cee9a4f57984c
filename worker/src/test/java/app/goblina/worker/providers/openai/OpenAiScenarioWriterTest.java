package app.goblina.worker.providers.openai;

import static app.goblina.worker.providers.ContractFixtures.brief;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import app.goblina.failures.PermanentFailure;
import app.goblina.scenarios.ScenarioWriter;
import app.goblina.testkit.fakes.openai.FakeOpenAi;
import app.goblina.worker.providers.ScenarioWriterContractTest;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class OpenAiScenarioWriterTest extends ScenarioWriterContractTest<FakeOpenAi> {

    @Override
    protected FakeOpenAi startFake() {
        return FakeOpenAi.start("sk-test-0123456789");
    }

    @Override
    protected ScenarioWriter adapter(FakeOpenAi fake, String key) {
        return new OpenAiScenarioWriter(OpenAiTestConfig.api(fake, key));
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
    void anExhaustedQuotaIsPermanentThoughItComesAsA429() {
        // given
        fake.nextInsufficientQuota();

        // when
        PermanentFailure failure = catchThrowableOfType(PermanentFailure.class, () -> writer.write(brief(3)));

        // then
        assertThat(failure.reason()).contains("quota exhausted");
    }

    @Test
    void theContentFilterIsPermanent() {
        // given
        fake.nextContentFilter();

        // when
        PermanentFailure failure = catchThrowableOfType(PermanentFailure.class, () -> writer.write(brief(3)));

        // then
        assertThat(failure.reason()).contains("content filter");
        assertThat(fake.chatCalls()).isEqualTo(1);
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
