package app.goblina.worker.providers.anthropic;

import app.goblina.failures.PermanentFailure;
import app.goblina.failures.TransientFailure;
import app.goblina.testkit.fakes.anthropic.FakeAnthropic;
import app.goblina.worker.providers.ContractFixtures;
import app.goblina.worker.providers.VendorSignal;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** Anthropic adapters pointed at a fake, with the contract suites' short timeout and small cap. */
final class AnthropicTestConfig {

    /** Anthropic's own failure signals, which its analyst and writer must both read the same way. */
    static final List<VendorSignal<FakeAnthropic>> SIGNALS = List.of(
            new VendorSignal<>("529 overloaded_error", FakeAnthropic::nextOverloaded, TransientFailure.class,
                    "HTTP 529 (overloaded)"),
            new VendorSignal<>("a 429 for the spend limit", FakeAnthropic::nextSpendLimitReached,
                    PermanentFailure.class, "spend limit"),
            new VendorSignal<>("a 400 for too little credit", FakeAnthropic::nextCreditTooLow,
                    PermanentFailure.class, "credit balance is too low"));

    private AnthropicTestConfig() {
    }

    static AnthropicModelAdapters adapters(FakeAnthropic fake, String key) {
        return new AnthropicModelAdapters(new AnthropicConfig(key, fake.baseUrl(), "claude-sonnet-4-5",
                "claude-sonnet-4-5", 4096, ContractFixtures.TIMEOUT, Duration.ofSeconds(2),
                ContractFixtures.MAX_RESPONSE_BYTES), Clock.systemUTC());
    }
}
