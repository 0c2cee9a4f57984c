package app.goblina.worker.providers.local;

import app.goblina.domain.ScenarioDraft;
import app.goblina.scenarios.ScenarioBrief;
import app.goblina.scenarios.ScenarioWriter;
import app.goblina.worker.providers.local.ScenarioTemplates.Beat;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;

/**
 * The writer that needs no network and no key: fills the preset's beat templates with the character and the
 * topic. The first beat is always a hook and the last a sign-off; the middle beats rotate by the topic, so
 * different topics do not all read alike. Same brief, same scenarios.
 */
@Singleton
public class LocalScenarioWriter implements ScenarioWriter {

    /** Long enough to name the topic, short enough that every caption fits its four lines on screen. */
    static final int CAPTION_TOPIC_LENGTH = 40;

    @Override
    public String name() {
        return "local";
    }

    @Override
    public List<ScenarioDraft> write(ScenarioBrief brief) {
        List<Beat> beats = ScenarioTemplates.BEATS.get(brief.preset());
        List<Beat> middles = beats.subList(1, beats.size() - 1);
        int offset = Math.floorMod(brief.topic().hashCode(), middles.size());
        String shortTopic = shorten(brief.topic(), CAPTION_TOPIC_LENGTH);
        List<ScenarioDraft> drafts = new ArrayList<>();
        for (int i = 0; i < brief.count(); i++) {
            Beat beat;
            if (i == 0) {
                beat = beats.get(0);
            } else if (i == brief.count() - 1) {
                beat = beats.get(beats.size() - 1);
            } else {
                beat = middles.get((offset + i - 1) % middles.size());
            }
            String action = fill(beat.action(), brief.characterName(), shortTopic);
            String caption = fill(beat.caption(), brief.characterName(), shortTopic);
            drafts.add(new ScenarioDraft(beat.title(), action, caption, prompt(brief, action, caption)));
        }
        return drafts;
    }

    private static String prompt(ScenarioBrief brief, String action, String caption) {
        String text = brief.styleGuide().visualStyle() + ". " + brief.styleGuide().appearance() + ". Scene: " + action
                + ". Mood: " + brief.preset().tone() + ". Topic: " + brief.topic() + ". She says: \"" + caption
                + "\". Vertical framing, " + brief.clipSeconds() + " seconds, colours " + String.join(", ", brief.styleGuide().palette()) + ".";
        return text.length() <= ScenarioDraft.MAX_PROMPT ? text : text.substring(0, ScenarioDraft.MAX_PROMPT);
    }

    private static String fill(String template, String name, String topic) {
        String filled = template.replace("{name}", name).replace("{topic}", topic);
        return filled.length() <= ScenarioDraft.MAX_CAPTION ? filled : filled.substring(0, ScenarioDraft.MAX_CAPTION - 1) + "…";
    }

    /** Cuts at a word boundary so a long topic still reads as a phrase in a caption. */
    static String shorten(String topic, int max) {
        String clean = topic.strip().replaceAll("\\s+", " ");
        if (clean.length() <= max) {
            return clean;
        }
        int cut = clean.lastIndexOf(' ', max - 1);
        return (cut > max / 2 ? clean.substring(0, cut) : clean.substring(0, max - 1)) + "…";
    }
}
