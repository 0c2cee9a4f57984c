package app.goblina.worker.providers.local;

import app.goblina.scenarios.ScenarioWriter;
import app.goblina.testkit.fakes.llm.LlmFake;
import app.goblina.worker.providers.ScenarioWriterContractTest;

/** The local writer under the port's contract: it calls no provider, so only the provider-free parts apply. */
class LocalScenarioWriterContractTest extends ScenarioWriterContractTest<LlmFake> {

    @Override
    protected LlmFake startFake() {
        return null;
    }

    @Override
    protected ScenarioWriter adapter(LlmFake fake, String key) {
        return new LocalScenarioWriter();
    }
}
