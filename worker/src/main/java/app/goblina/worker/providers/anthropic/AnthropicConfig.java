package app.goblina.worker.providers.anthropic;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;

/**
 * How to reach Anthropic, bound from {@code goblina.anthropic.*}. The key comes from the environment only
 * ({@code ANTHROPIC_API_KEY}, mapped in application.yml; {@code GOBLINA_ANTHROPIC_API_KEY} works too) and the
 * Anthropic adapters exist only when it is set. {@link #toString()} masks it.
 *
 * @param apiKey           the secret key, sent as {@code x-api-key}
 * @param baseUrl          the API root, {@code https://api.anthropic.com}
 * @param analysisModel    vision model for character analysis; must support structured output
 * @param writingModel     model for scenario writing; must support structured output
 * @param maxTokens        {@code max_tokens}, which Anthropic requires: the cap on each answer, so a runaway
 *                         answer cannot run up the bill; style guides and eight scenes fit well within the default
 * @param requestTimeout   bound on one whole exchange: the answer arrives only once fully generated, seconds to a
 *                         minute; longer means a stuck call better retried
 * @param connectTimeout   bound on opening the connection: the API accepts within a second when reachable
 * @param maxResponseBytes cap on a response: answers are a few kilobytes, so more means something is wrong
 */
@ConfigurationProperties("goblina.anthropic")
public record AnthropicConfig(
        @NotBlank String apiKey,
        @NotNull @Bindable(defaultValue = "https://api.anthropic.com") URI baseUrl,
        @NotBlank @Bindable(defaultValue = "claude-sonnet-4-5") String analysisModel,
        @NotBlank @Bindable(defaultValue = "claude-sonnet-4-5") String writingModel,
        @Min(256) @Max(64_000) @Bindable(defaultValue = "4096") int maxTokens,
        @NotNull @Bindable(defaultValue = "120s") Duration requestTimeout,
        @NotNull @Bindable(defaultValue = "10s") Duration connectTimeout,
        @Min(1024) @Bindable(defaultValue = "1048576") int maxResponseBytes) {

    /** The property whose presence switches the Anthropic adapters on. */
    public static final String API_KEY = "goblina.anthropic.api-key";
    /** A key of whitespace, as an empty environment variable leaves, counts as unset. */
    static final String SET = "(?s).*\\S.*";

    public AnthropicConfig {
        if (baseUrl != null && baseUrl.toString().endsWith("/")) {
            String text = baseUrl.toString();
            baseUrl = URI.create(text.substring(0, text.length() - 1));
        }
        for (Duration timeout : new Duration[] {requestTimeout, connectTimeout}) {
            if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
                throw new IllegalArgumentException("goblina.anthropic timeouts must be more than 0, not " + timeout);
            }
        }
    }

    /** The endpoint at {@code path} (e.g. {@code /v1/messages}) under the base URL. */
    public URI endpoint(String path) {
        return URI.create(baseUrl + path);
    }

    @Override
    public String toString() {
        return "AnthropicConfig[apiKey=****, baseUrl=" + baseUrl + ", analysisModel=" + analysisModel
                + ", writingModel=" + writingModel + ", maxTokens=" + maxTokens
                + ", requestTimeout=" + requestTimeout + ", connectTimeout=" + connectTimeout
                + ", maxResponseBytes=" + maxResponseBytes + "]";
    }
}
