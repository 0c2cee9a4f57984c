package app.goblina.worker.media;

import app.goblina.worker.media.CaptionOverlay.SceneCaption;
import app.goblina.worker.media.FilterGraphs.Caption;
import app.goblina.worker.media.FilterGraphs.PlacedWord;
import java.util.ArrayList;
import java.util.List;

/**
 * Lays out every scene's caption for the short: wraps it to the frame, places it in the safe area, and, with word
 * highlighting, times each word.
 *
 * <p>Words are timed over the scene's narration (from the clip's start for as long as the narration plays), or
 * over the caption's time on screen when the scene has no narration. Without word timestamps from a speech
 * engine, each word gets a share of that time proportional to its length plus one (for the pause after it), which
 * follows ordinary speech closely enough for a highlight.
 */
final class CaptionScenes {

    private CaptionScenes() {}

    /**
     * @param captions each clip's caption text (null or blank for none)
     * @param narrationSeconds each clip's narration length (0 without narration)
     */
    static List<SceneCaption> layOut(List<String> captions, List<Double> narrationSeconds, AssemblyPlan plan,
            int width, int height, CaptionLook look, boolean wordHighlight) {
        CaptionStyle style = CaptionStyle.of(width, height, look);
        CaptionLayout layout = new CaptionLayout(CaptionFonts.load(look.fontFile(), style.fontSize()));
        List<SceneCaption> scenes = new ArrayList<>(captions.size());
        for (int i = 0; i < captions.size(); i++) {
            CaptionBlock block = CaptionBlock.of(captions.get(i), layout, style);
            String graph = null;
            if (block != null) {
                Caption caption = new Caption(block, look.fontFile());
                if (wordHighlight) {
                    double from;
                    double to;
                    double narration = narrationSeconds.get(i);
                    if (narration > 0) {
                        from = (double) plan.start(i) / plan.fps();
                        to = Math.min(from + narration, (double) plan.narrationEndSample(i) / ShortEncoder.SAMPLE_RATE);
                    } else {
                        from = (double) plan.captionStart(i) / plan.fps();
                        to = (double) plan.captionEnd(i) / plan.fps();
                    }
                    graph = FilterGraphs.drawHighlightedCaption(caption, width, placeWords(block, layout, width, from, to));
                } else {
                    graph = FilterGraphs.drawCaption(caption, width);
                }
            }
            scenes.add(new SceneCaption(plan.captionStart(i), plan.captionEnd(i), graph));
        }
        return scenes;
    }

    /** Every word of {@code block} with its position and highlight window, in reading order. */
    static List<PlacedWord> placeWords(CaptionBlock block, CaptionLayout layout, int frameWidth, double from,
            double to) {
        record Piece(String text, int line, int x) {}
        List<Piece> pieces = new ArrayList<>();
        int weightTotal = 0;
        for (int line = 0; line < block.lines().size(); line++) {
            String text = block.lines().get(line);
            int left = (frameWidth - layout.width(text)) / 2;
            int index = 0;
            for (String word : text.split(" ")) {
                if (!word.isEmpty()) {
                    int start = text.indexOf(word, index);
                    pieces.add(new Piece(word, line, left + layout.width(text.substring(0, start))));
                    weightTotal += word.length() + 1;
                    index = start + word.length();
                }
            }
        }
        List<PlacedWord> words = new ArrayList<>(pieces.size());
        double time = from;
        double span = Math.max(0, to - from);
        for (Piece piece : pieces) {
            double share = span * (piece.text().length() + 1) / Math.max(1, weightTotal);
            words.add(new PlacedWord(piece.text(), piece.line(), piece.x(), time, time + share));
            time += share;
        }
        return words;
    }
}
