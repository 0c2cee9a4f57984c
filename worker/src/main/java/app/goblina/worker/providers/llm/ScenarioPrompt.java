package app.goblina.worker.providers.llm;

import app.goblina.domain.ScenarioDraft;
import app.goblina.domain.StyleGuide;
import app.goblina.scenarios.ScenarioBrief;

/** The words that ask a model for the scenes of a short. All writing prompt text lives here. */
public final class ScenarioPrompt {

    static final String INSTRUCTIONS = """
            You write vertical short videos starring one recurring character. Each scene becomes one clip from an \
            image-to-video model: one continuous shot, one clear action, the character always on screen, no text \
            drawn in the picture (captions are added later). Keep the character's look exactly as the style guide \
            describes it. Answer with JSON that follows the given schema.""";

    private ScenarioPrompt() {
    }

    /** The prompt for one project's brief. */
    public static StructuredPrompt forBrief(ScenarioBrief brief) {
        StyleGuide guide = brief.styleGuide();
        String request = """
                Character: %s
                Appearance: %s
                Visual style: %s
                Palette: %s
                Personality: %s

                Topic: %s
                Tone: %s (%s)

                Write exactly %d scenes of %d seconds each, in the order they play: the first hooks the viewer in \
                its first second, the last signs off. For each scene give:
                - title: a few words naming the scene, at most %d characters;
                - action: what %s does on screen, at most %d characters;
                - caption: the line shown on screen during the clip, in the tone above, at most %d characters;
                - prompt: the full text for the video model, self-contained: the character's look and visual style \
                from above, the action, camera and lighting, vertical 9:16 framing, %d seconds; at most %d characters."""
                .formatted(brief.characterName(), guide.appearance(), guide.visualStyle(),
                        String.join(", ", guide.palette()), String.join("; ", guide.personalityHints()),
                        brief.topic(), brief.preset().wireName(), brief.preset().tone(),
                        brief.count(), brief.clipSeconds(),
                        ScenarioDraft.MAX_TITLE, brief.characterName(), ScenarioDraft.MAX_ACTION,
                        ScenarioDraft.MAX_CAPTION, brief.clipSeconds(), ScenarioDraft.MAX_PROMPT);
        return new StructuredPrompt(INSTRUCTIONS, request, null, ScenarioSchema.outputSchema(brief.count()));
    }
}
