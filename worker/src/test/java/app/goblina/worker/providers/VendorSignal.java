package app.goblina.worker.providers;

import app.goblina.testkit.fakes.llm.LlmFake;
import java.util.function.Consumer;

/**
 * One of a vendor's own failure signals (an overload, an exhausted quota), scripted on its fake, with what an
 * adapter must make of it. Each vendor lists its signals once; the analyst and writer contract suites run them all.
 *
 * @param name   what the vendor sends, for the assertion's description
 * @param script queues the signal on the fake
 * @param kind   the failure the adapter must throw
 * @param words  what its message must contain
 * @param <F>    the vendor's fake
 */
public record VendorSignal<F extends LlmFake>(String name, Consumer<F> script, Class<? extends RuntimeException> kind,
        String words) {
}
