package app.goblina.worker.providers.llm;

import app.goblina.analysis.CharacterImage;

/** The words that ask a vision model for a character's style guide. All analysis prompt text lives here. */
public final class AnalysisPrompt {

    static final String INSTRUCTIONS = """
            You are the art director of an animated short-video series. You write style guides that let other \
            artists and a video model draw a character consistently. Describe only what the image shows; do not \
            invent a backstory. Answer with JSON that follows the given schema.""";

    private AnalysisPrompt() {
    }

    /** The prompt for one character's image. */
    public static StructuredPrompt forCharacter(String characterName, CharacterImage image) {
        String request = """
                Write the style guide of the character "%s" in the attached image:
                - appearance: the character's looks (body, face, hair, clothes, accessories), at most %d characters;
                - visual_style: how the image is rendered (e.g. 3D cartoon, flat vector, soft light), at most %d \
                characters;
                - palette: 1 to %d dominant colours of the character, most prominent first, each as a #rrggbb hex code;
                - personality_hints: 1 to %d short phrases (at most %d characters each) on the personality the \
                design suggests, for the writers of the character's scenes."""
                .formatted(characterName, StyleGuideSchema.MAX_APPEARANCE, StyleGuideSchema.MAX_VISUAL_STYLE,
                        StyleGuideSchema.MAX_COLOURS, StyleGuideSchema.MAX_HINTS, StyleGuideSchema.MAX_HINT);
        return new StructuredPrompt(INSTRUCTIONS, request, image, StyleGuideSchema.outputSchema());
    }
}
