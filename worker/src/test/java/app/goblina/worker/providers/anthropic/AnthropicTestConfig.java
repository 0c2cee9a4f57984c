package app.goblina.worker.providers.anthropic;

import app.goblina.testkit.fakes.anthropic.FakeAnthropic;
import app.goblina.worker.providers.ContractFixtures;
import java.time.Clock;
import java.time.Duration;

/** Anthropic adapters pointed at a fake, with the contract suites' short timeout and small cap. */
final class AnthropicTestConfig {

    private AnthropicTestConfig() {
    }

    static AnthropicApi api(FakeAnthropic fake, String key) {
        return new AnthropicApi(new AnthropicConfig(key, fake.baseUrl(), "claude-sonnet-4-5", "claude-sonnet-4-5",
                4096, ContractFixtures.TIMEOUT, Duration.ofSeconds(2), ContractFixtures.MAX_RESPONSE_BYTES),
                Clock.systemUTC());
    }
}
