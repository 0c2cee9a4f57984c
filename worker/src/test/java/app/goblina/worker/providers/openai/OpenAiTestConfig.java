package app.goblina.worker.providers.openai;

import app.goblina.testkit.fakes.openai.FakeOpenAi;
import app.goblina.worker.providers.ContractFixtures;
import java.time.Clock;
import java.time.Duration;

/** OpenAI adapters pointed at a fake, with the contract suites' short timeout and small caps. */
final class OpenAiTestConfig {

    private OpenAiTestConfig() {
    }

    static OpenAiApi api(FakeOpenAi fake, String key) {
        return api(fake, key, "mp3", 1 << 20);
    }

    static OpenAiApi api(FakeOpenAi fake, String key, String speechFormat, long maxSpeechBytes) {
        OpenAiConfig config = new OpenAiConfig(key, fake.baseUrl(), "gpt-4.1-mini", "gpt-4.1-mini", "gpt-4o-mini-tts",
                speechFormat, "coral", "low", 4000, ContractFixtures.TIMEOUT, Duration.ofSeconds(2),
                ContractFixtures.MAX_RESPONSE_BYTES, maxSpeechBytes);
        return new OpenAiApi(config, Clock.systemUTC());
    }
}
