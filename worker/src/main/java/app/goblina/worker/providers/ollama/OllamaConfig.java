package app.goblina.worker.providers.ollama;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;

/**
 * How to reach an Ollama server, bound from {@code goblina.ollama.*}. Ollama needs no key; its adapters exist only
 * when {@code goblina.ollama.enabled} is true ({@code GOBLINA_OLLAMA_ENABLED=true}). The base URL comes from
 * {@code OLLAMA_BASE_URL} (mapped in application.yml) or {@code GOBLINA_OLLAMA_BASE_URL}.
 *
 * @param enabled          switches the Ollama adapters on
 * @param baseUrl          the server, {@code http://127.0.0.1:11434} by default
 * @param analysisModel    a pulled vision model for character analysis
 * @param writingModel     a pulled model for scenario writing
 * @param requestTimeout   bound on one whole exchange: a local model on a CPU can take minutes for eight scenes,
 *                         and the first call also loads the model into memory
 * @param connectTimeout   bound on opening the connection: the server is local or on the LAN, so anything slower
 *                         means it is not running
 * @param maxResponseBytes cap on a response: answers are a few kilobytes, so more means something is wrong
 */
@ConfigurationProperties("goblina.ollama")
public record OllamaConfig(
        @Bindable(defaultValue = "false") boolean enabled,
        @NotNull @Bindable(defaultValue = "http://127.0.0.1:11434") URI baseUrl,
        @NotBlank @Bindable(defaultValue = "gemma3:4b") String analysisModel,
        @NotBlank @Bindable(defaultValue = "gemma3:4b") String writingModel,
        @NotNull @Bindable(defaultValue = "300s") Duration requestTimeout,
        @NotNull @Bindable(defaultValue = "5s") Duration connectTimeout,
        @Min(1024) @Bindable(defaultValue = "1048576") int maxResponseBytes) {

    /** The property that switches the Ollama adapters on. */
    public static final String ENABLED = "goblina.ollama.enabled";

    public OllamaConfig {
        if (baseUrl != null && baseUrl.toString().endsWith("/")) {
            String text = baseUrl.toString();
            baseUrl = URI.create(text.substring(0, text.length() - 1));
        }
        for (Duration timeout : new Duration[] {requestTimeout, connectTimeout}) {
            if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
                throw new IllegalArgumentException("goblina.ollama timeouts must be more than 0, not " + timeout);
            }
        }
    }

    /** The endpoint at {@code path} (e.g. {@code /api/chat}) under the base URL. */
    public URI endpoint(String path) {
        return URI.create(baseUrl + path);
    }
}
