package app.goblina.worker.providers.ollama;

import app.goblina.testkit.fakes.ollama.FakeOllama;
import app.goblina.worker.providers.ContractFixtures;
import java.time.Clock;
import java.time.Duration;

/** Ollama adapters pointed at a fake, with the contract suites' short timeout and small cap. */
final class OllamaTestConfig {

    static final String MODEL = "gemma3:4b";

    private OllamaTestConfig() {
    }

    static OllamaApi api(FakeOllama fake, String model) {
        return new OllamaApi(new OllamaConfig(true, fake.baseUrl(), model, model, ContractFixtures.TIMEOUT,
                Duration.ofSeconds(2), ContractFixtures.MAX_RESPONSE_BYTES), Clock.systemUTC());
    }
}
