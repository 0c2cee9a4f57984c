package app.goblina.worker.providers.openai;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import java.time.Duration;

/**
 * How to reach OpenAI, bound from {@code goblina.openai.*}. The key comes from the environment only
 * ({@code OPENAI_API_KEY}, mapped in application.yml; {@code GOBLINA_OPENAI_API_KEY} works too) and the OpenAI
 * adapters exist only when it is set. {@link #toString()} masks it.
 *
 * @param apiKey           the secret key, sent as {@code Authorization: Bearer}
 * @param baseUrl          the API root, {@code https://api.openai.com/v1}; a compatible gateway's root works too
 * @param analysisModel    vision model for character analysis
 * @param writingModel     model for scenario writing
 * @param speechModel      text-to-speech model
 * @param speechFormat     audio format asked of the speech endpoint: mp3, opus, aac, flac, wav or pcm
 * @param speechVoice      the voice used when a narration request names none
 * @param imageDetail      {@code low}, {@code high} or {@code auto}; low (a fixed, small token cost) shows the
 *                         overall look, colours and style, which is all a style guide needs
 * @param maxOutputTokens  cap on each answer's tokens, so a runaway answer cannot run up the bill; style guides
 *                         and eight scenes fit well within the default
 * @param requestTimeout   bound on one whole exchange: a chat answer arrives only once fully generated, which
 *                         takes seconds to a minute for eight scenes; longer means a stuck call better retried
 * @param connectTimeout   bound on opening the connection: the API accepts within a second when reachable, so
 *                         longer means a network problem, retried later
 * @param maxResponseBytes cap on a chat response: answers are a few kilobytes, so more means something is wrong
 * @param maxSpeechBytes   cap on a speech file: 4096 characters of speech is about five minutes, some 5 MB of MP3
 *                         or 15 MB of WAV
 */
@ConfigurationProperties("goblina.openai")
public record OpenAiConfig(
        @NotBlank String apiKey,
        @NotNull @Bindable(defaultValue = "https://api.openai.com/v1") URI baseUrl,
        @NotBlank @Bindable(defaultValue = "gpt-4.1-mini") String analysisModel,
        @NotBlank @Bindable(defaultValue = "gpt-4.1-mini") String writingModel,
        @NotBlank @Bindable(defaultValue = "gpt-4o-mini-tts") String speechModel,
        @NotNull @Pattern(regexp = "mp3|opus|aac|flac|wav|pcm") @Bindable(defaultValue = "mp3") String speechFormat,
        @NotBlank @Bindable(defaultValue = "coral") String speechVoice,
        @NotNull @Pattern(regexp = "low|high|auto") @Bindable(defaultValue = "low") String imageDetail,
        @Min(256) @Max(128_000) @Bindable(defaultValue = "4000") int maxOutputTokens,
        @NotNull @Bindable(defaultValue = "90s") Duration requestTimeout,
        @NotNull @Bindable(defaultValue = "10s") Duration connectTimeout,
        @Min(1024) @Bindable(defaultValue = "1048576") int maxResponseBytes,
        @Min(1024) @Bindable(defaultValue = "33554432") long maxSpeechBytes) {

    /** The property whose presence switches the OpenAI adapters on. */
    public static final String API_KEY = "goblina.openai.api-key";
    /** A key of whitespace, as an empty environment variable leaves, counts as unset. */
    static final String SET = "(?s).*\\S.*";

    public OpenAiConfig {
        if (baseUrl != null && baseUrl.toString().endsWith("/")) {
            String text = baseUrl.toString();
            baseUrl = URI.create(text.substring(0, text.length() - 1));
        }
        requirePositive("request-timeout", requestTimeout);
        requirePositive("connect-timeout", connectTimeout);
    }

    /** The endpoint at {@code path} (e.g. {@code /chat/completions}) under the base URL. */
    public URI endpoint(String path) {
        return URI.create(baseUrl + path);
    }

    @Override
    public String toString() {
        return "OpenAiConfig[apiKey=****, baseUrl=" + baseUrl + ", analysisModel=" + analysisModel
                + ", writingModel=" + writingModel + ", speechModel=" + speechModel + ", speechFormat=" + speechFormat
                + ", speechVoice=" + speechVoice + ", imageDetail=" + imageDetail + ", maxOutputTokens=" + maxOutputTokens
                + ", requestTimeout=" + requestTimeout + ", connectTimeout=" + connectTimeout
                + ", maxResponseBytes=" + maxResponseBytes + ", maxSpeechBytes=" + maxSpeechBytes + "]";
    }

    static void requirePositive(String name, Duration value) {
        if (value != null && (value.isNegative() || value.isZero())) {
            throw new IllegalArgumentException("goblina.openai." + name + " must be more than 0, not " + value);
        }
    }
}
