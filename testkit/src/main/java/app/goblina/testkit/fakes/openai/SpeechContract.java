package app.goblina.testkit.fakes.openai;

import app.goblina.testkit.fakes.video.Reply;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What {@code POST /audio/speech} refuses: unknown arguments, an unknown model or voice, an empty input or one
 * over 4096 characters, an unknown response format, a speed outside 0.25–4.
 */
final class SpeechContract {

    /** OpenAI's limit on {@code input}. */
    static final int MAX_INPUT = 4096;

    static final Set<String> MODELS = Set.of("gpt-4o-mini-tts", "tts-1", "tts-1-hd");
    static final Set<String> VOICES = Set.of("alloy", "ash", "ballad", "coral", "echo", "fable", "onyx", "nova",
            "sage", "shimmer", "verse", "marin", "cedar");
    static final Map<String, String> CONTENT_TYPES = Map.of("mp3", "audio/mpeg", "opus", "audio/opus",
            "aac", "audio/aac", "flac", "audio/flac", "wav", "audio/wav", "pcm", "audio/pcm");
    private static final Set<String> ARGUMENTS = Set.of("model", "input", "voice", "instructions",
            "response_format", "speed", "stream_format");

    private SpeechContract() {
    }

    /** The error OpenAI would answer to {@code body}, or empty when it is acceptable. */
    static Optional<Reply> refusal(Map<String, Object> body) {
        for (String argument : body.keySet()) {
            if (!ARGUMENTS.contains(argument)) {
                return refuse("Unrecognized request argument supplied: " + argument, null, null);
            }
        }
        if (!(body.get("model") instanceof String model)) {
            return refuse("you must provide a model parameter", "model", null);
        }
        if (!MODELS.contains(model)) {
            return Optional.of(OpenAiReplies.error(404, "The model `" + model + "` does not exist or you do not have "
                    + "access to it.", "invalid_request_error", null, "model_not_found"));
        }
        if (!(body.get("input") instanceof String input) || input.isEmpty()) {
            return refuse("Missing required parameter: 'input'.", "input", "missing_required_parameter");
        }
        if (input.length() > MAX_INPUT) {
            return refuse("Invalid 'input': string too long. Expected a string with maximum length " + MAX_INPUT
                    + ", but got a string with length " + input.length() + " instead.", "input",
                    "string_above_max_length");
        }
        if (!VOICES.contains(String.valueOf(body.get("voice")))) {
            return refuse("Invalid value for 'voice' = " + body.get("voice") + ". Please use one of " + VOICES + ".",
                    "voice", "invalid_value");
        }
        Object format = body.get("response_format");
        if (format != null && !CONTENT_TYPES.containsKey(String.valueOf(format))) {
            return refuse("Invalid value: '" + format + "'. Supported values are: 'mp3', 'opus', 'aac', 'flac', "
                    + "'wav', and 'pcm'.", "response_format", "invalid_value");
        }
        Object speed = body.get("speed");
        if (speed != null && !(speed instanceof BigDecimal s
                && s.compareTo(new BigDecimal("0.25")) >= 0 && s.compareTo(new BigDecimal("4")) <= 0)) {
            return refuse("Invalid 'speed': expected a number between 0.25 and 4.", "speed", "invalid_value");
        }
        return Optional.empty();
    }

    private static Optional<Reply> refuse(String message, String param, String code) {
        return Optional.of(OpenAiReplies.invalidRequest(message, param, code));
    }
}
