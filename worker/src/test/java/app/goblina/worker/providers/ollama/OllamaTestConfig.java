package app.goblina.worker.providers.ollama;

import app.goblina.failures.TransientFailure;
import app.goblina.testkit.fakes.ollama.FakeOllama;
import app.goblina.worker.providers.ContractFixtures;
import app.goblina.worker.providers.VendorSignal;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** Ollama adapters pointed at a fake, with the contract suites' short timeout and small cap. */
final class OllamaTestConfig {

    static final String MODEL = "gemma3:4b";

    /** Ollama's own failure signals, which its analyst and writer must both read the same way. */
    static final List<VendorSignal<FakeOllama>> SIGNALS = List.of(
            new VendorSignal<>("503 for a full queue", FakeOllama::nextBusy, TransientFailure.class, "503"));

    private OllamaTestConfig() {
    }

    static OllamaModelAdapters adapters(FakeOllama fake, String model) {
        return new OllamaModelAdapters(new OllamaConfig(true, fake.baseUrl(), model, model, ContractFixtures.TIMEOUT,
                Duration.ofSeconds(2), ContractFixtures.MAX_RESPONSE_BYTES), Clock.systemUTC());
    }
}
