package app.goblina.worker.providers.openai;

import app.goblina.failures.PermanentFailure;
import app.goblina.failures.TransientFailure;
import app.goblina.narration.NarrationRequest;
import app.goblina.narration.Narrator;
import app.goblina.worker.providers.http.CappedBodies;
import app.goblina.worker.providers.http.JsonApi;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

/**
 * Narration by OpenAI's speech endpoint ({@code POST /audio/speech}, model {@code goblina.openai.speech-model},
 * format {@code goblina.openai.speech-format}). The audio streams into a sibling {@code .part} file, which becomes
 * {@code target} only once complete, so a failed call never leaves half a file behind. Exists only when an OpenAI
 * key is configured.
 *
 * <p>Blocking, one HTTP exchange bounded as a whole by the request timeout. Returns the audio's media type.
 * Throws {@link PermanentFailure} for text over 4096 characters (before calling), a refused key, an exhausted
 * quota or a refused request, and {@link TransientFailure} on timeouts, a stalled stream, 429 and 5xx.
 */
@Singleton
@Requires(property = OpenAiConfig.API_KEY, pattern = OpenAiConfig.SET)
public class OpenAiNarrator implements Narrator {

    /** OpenAI's limit on the text of one speech request. */
    public static final int MAX_INPUT = 4096;
    static final String PATH = "/audio/speech";

    private final OpenAiApi api;
    private final SpeechFormat format;

    public OpenAiNarrator(OpenAiApi api) {
        this.api = api;
        this.format = SpeechFormat.of(api.config().speechFormat());
    }

    @Override
    public String name() {
        return "openai";
    }

    @Override
    public String narrate(NarrationRequest request, Path target) {
        String text = request.text() == null ? "" : request.text().strip();
        if (text.isEmpty()) {
            throw new PermanentFailure("there is no narration text to speak");
        }
        if (text.length() > MAX_INPUT) {
            throw new PermanentFailure("the narration is " + text.length() + " characters; OpenAI speech takes at most "
                    + MAX_INPUT);
        }
        Path partial = target.resolveSibling(target.getFileName() + ".part");
        try {
            HttpResponse<String> response = api.json().http().send(
                    api.json().post(PATH, body(request, text))
                            // OpenAI de-duplicates retried POSTs that carry the same key
                            .header("Idempotency-Key", request.idempotencyKey())
                            .build(),
                    CappedBodies.toFile(partial, api.config().maxSpeechBytes()), api.json().rules(),
                    api.config().requestTimeout(), api.config().speechModel());
            requireAudio(response, partial);
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return format.mediaType();
        } catch (IOException e) {
            throw new UncheckedIOException("could not store the narration audio", e);
        } finally {
            deleteQuietly(partial);
        }
    }

    private ObjectNode body(NarrationRequest request, String text) {
        ObjectNode body = JsonApi.JSON.createObjectNode()
                .put("model", api.config().speechModel())
                .put("input", text)
                .put("voice", request.voice() == null || request.voice().isBlank()
                        ? api.config().speechVoice() : request.voice().strip())
                .put("response_format", format.wireName());
        if (request.instructions() != null && !request.instructions().isBlank()) {
            body.put("instructions", request.instructions().strip());
        }
        return body;
    }

    /** A 200 that is not audio (a gateway's JSON, say) must not be stored as narration. */
    private static void requireAudio(HttpResponse<String> response, Path partial) throws IOException {
        String type = response.headers().firstValue("Content-Type").orElse("").toLowerCase(Locale.ROOT);
        if (!type.isEmpty() && !type.startsWith("audio/") && !type.startsWith("application/octet-stream")) {
            throw new PermanentFailure("openai answered the speech request with " + type + " instead of audio");
        }
        if (Files.size(partial) == 0) {
            throw new TransientFailure("openai answered the speech request with no audio");
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a leftover .part file in the job's scratch folder is removed with the folder
        }
    }
}
