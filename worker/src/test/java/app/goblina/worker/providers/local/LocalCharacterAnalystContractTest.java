package app.goblina.worker.providers.local;

import app.goblina.analysis.CharacterAnalyst;
import app.goblina.testkit.fakes.llm.LlmFake;
import app.goblina.worker.providers.CharacterAnalystContractTest;

/** The local analyst under the port's contract: it calls no provider, so only the provider-free parts apply. */
class LocalCharacterAnalystContractTest extends CharacterAnalystContractTest<LlmFake> {

    @Override
    protected LlmFake startFake() {
        return null;
    }

    @Override
    protected CharacterAnalyst adapter(LlmFake fake, String key) {
        return new LocalCharacterAnalyst();
    }
}
