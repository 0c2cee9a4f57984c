package app.goblina.worker.providers.llm;

import app.goblina.analysis.CharacterImage;
import java.util.Objects;
import java.util.Optional;

/**
 * The first turn of a structured conversation, in no vendor's words: standing instructions (a system prompt),
 * the request, an optional image that goes with it, and the schema the answer must follow.
 */
public record StructuredPrompt(String instructions, String request, CharacterImage image, OutputSchema schema) {

    public StructuredPrompt {
        Objects.requireNonNull(instructions, "instructions");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(schema, "schema");
    }

    public Optional<CharacterImage> attachedImage() {
        return Optional.ofNullable(image);
    }
}
