package app.goblina.worker.providers.openai;

import app.goblina.failures.PermanentFailure;
import app.goblina.testkit.fakes.openai.FakeOpenAi;
import app.goblina.worker.providers.ContractFixtures;
import app.goblina.worker.providers.VendorSignal;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** OpenAI adapters pointed at a fake, with the contract suites' short timeout and small caps. */
final class OpenAiTestConfig {

    /** OpenAI's own failure signals, which its analyst and writer must both read the same way. */
    static final List<VendorSignal<FakeOpenAi>> SIGNALS = List.of(
            new VendorSignal<>("a 429 for an exhausted quota", FakeOpenAi::nextInsufficientQuota,
                    PermanentFailure.class, "quota exhausted"),
            new VendorSignal<>("finish_reason content_filter", FakeOpenAi::nextContentFilter,
                    PermanentFailure.class, "content filter"));

    private OpenAiTestConfig() {
    }

    static OpenAiApi api(FakeOpenAi fake, String key) {
        return api(fake, key, "mp3", 1 << 20);
    }

    static OpenAiModelAdapters adapters(FakeOpenAi fake, String key) {
        return new OpenAiModelAdapters(api(fake, key));
    }

    static OpenAiApi api(FakeOpenAi fake, String key, String speechFormat, long maxSpeechBytes) {
        OpenAiConfig config = new OpenAiConfig(key, fake.baseUrl(), "gpt-4.1-mini", "gpt-4.1-mini", "gpt-4o-mini-tts",
                speechFormat, "coral", "low", 4000, ContractFixtures.TIMEOUT, Duration.ofSeconds(2),
                ContractFixtures.MAX_RESPONSE_BYTES, maxSpeechBytes);
        return new OpenAiApi(config, Clock.systemUTC());
    }
}
