package app.goblina.worker.providers.local;

import app.goblina.domain.ScenarioDraft;
import app.goblina.scenarios.ScenarioBrief;
import app.goblina.scenarios.ScenarioWriter;
import app.goblina.worker.providers.local.ScenarioTemplates.Beat;
import app.goblina.worker.providers.local.ScenarioTemplates.Lines;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * The writer that needs no network and no key: fills the preset's templates with the character and the topic. The
 * first scene is one of the preset's hooks, the last one of its sign-offs, and the middles different beats, all
 * chosen by a seed taken from the project's character and topic ({@link #seed}): different projects read
 * differently, no line comes twice in one short, and the same brief gives the same scenarios.
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
        Lines lines = ScenarioTemplates.LINES.get(brief.preset());
        SplittableRandom random = new SplittableRandom(seed(brief));
        Beat hook = lines.hooks().get(random.nextInt(lines.hooks().size()));
        Beat signOff = lines.signOffs().get(random.nextInt(lines.signOffs().size()));
        List<Beat> middles = shuffled(lines.beats(), random);
        String shortTopic = shorten(brief.topic(), CAPTION_TOPIC_LENGTH);
        List<ScenarioDraft> drafts = new ArrayList<>();
        for (int i = 0; i < brief.count(); i++) {
            Beat beat;
            if (i == 0) {
                beat = hook;
            } else if (i == brief.count() - 1) {
                beat = signOff;
            } else {
                // more middles than the templates hold only when a short is longer than eight scenes
                beat = middles.get((i - 1) % middles.size());
            }
            String action = fill(beat.action(), brief.characterName(), shortTopic);
            String caption = fill(beat.caption(), brief.characterName(), shortTopic);
            drafts.add(new ScenarioDraft(beat.title(), action, caption, prompt(brief, action, caption)));
        }
        return drafts;
    }

    /** From the character's name, the topic (case and spacing aside) and the preset: one project, one seed. */
    static long seed(ScenarioBrief brief) {
        String key = brief.characterName().strip() + "\n"
                + brief.topic().strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT) + "\n" + brief.preset();
        return UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).getMostSignificantBits();
    }

    private static List<Beat> shuffled(List<Beat> beats, SplittableRandom random) {
        List<Beat> order = new ArrayList<>(beats);
        for (int i = order.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            Beat swap = order.get(i);
            order.set(i, order.get(j));
            order.set(j, swap);
        }
        return order;
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
