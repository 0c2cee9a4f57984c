package app.goblina.worker.providers.local;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How loud a line is, frame by frame, when the local narrator speaks it, worked out from the text alone: the clip
 * is rendered while the narration is still being made, so it cannot listen to it.
 *
 * <p>The line is read as espeak-ng reads it: word after word at the narrator's words per minute, each word's time
 * shared by its syllables (vowel groups, a silent final e not counted), an average English word being
 * {@link #SYLLABLES_PER_WORD} syllables; a comma, colon or semicolon pauses {@link #SHORT_PAUSE} seconds, a full
 * stop, question or exclamation mark {@link #LONG_PAUSE}. Each syllable is one swell of loudness that closes at
 * its edges, strongest on a word's first syllable and on shouted words (capitals, or before an exclamation mark).
 * Close to the real speech in rhythm, not to the sample: it makes a mouth move with the words.
 */
final class SpeechRhythm {

    static final double SYLLABLES_PER_WORD = 1.45;
    static final double SHORT_PAUSE = 0.2;
    static final double LONG_PAUSE = 0.4;
    /** espeak-ng's silence before the first word. */
    static final double LEAD_IN = 0.05;
    private static final Pattern TOKEN = Pattern.compile("([\\p{L}\\p{N}']+)|([,;:])|([.!?…]+)");
    private static final Pattern VOWELS = Pattern.compile("[aeiouy]+");

    private SpeechRhythm() {
    }

    /** The loudness, 0 to 1, on each of {@code frames} frames at {@code fps} of {@code line} spoken at {@code wpm}. */
    static double[] envelope(String line, int wordsPerMinute, int fps, int frames) {
        double[] loudness = new double[frames];
        if (line == null || line.isBlank() || frames == 0) {
            return loudness;
        }
        double syllableSeconds = 60.0 / (wordsPerMinute * SYLLABLES_PER_WORD);
        double time = LEAD_IN;
        Matcher tokens = TOKEN.matcher(line);
        String pending = null;
        while (tokens.find()) {
            if (tokens.group(1) != null) {
                if (pending != null) {
                    time = speak(loudness, fps, time, pending, syllableSeconds, false);
                }
                pending = tokens.group(1);
                continue;
            }
            if (pending != null) {
                boolean exclaimed = tokens.group(3) != null && tokens.group(3).contains("!");
                time = speak(loudness, fps, time, pending, syllableSeconds, exclaimed);
                pending = null;
            }
            time += tokens.group(2) != null ? SHORT_PAUSE : LONG_PAUSE;
        }
        if (pending != null) {
            speak(loudness, fps, time, pending, syllableSeconds, false);
        }
        return loudness;
    }

    /** Adds one word's syllables from {@code start}; returns when the word ends. */
    private static double speak(double[] loudness, int fps, double start, String word, double syllableSeconds,
            boolean exclaimed) {
        int syllables = syllables(word);
        boolean shouted = exclaimed || (word.length() > 1 && word.equals(word.toUpperCase(Locale.ROOT))
                && !word.equals(word.toLowerCase(Locale.ROOT)));
        for (int s = 0; s < syllables; s++) {
            double from = start + s * syllableSeconds;
            double peak = s == 0 || shouted ? (shouted ? 1.0 : 0.9) : 0.7;
            int first = (int) Math.floor(from * fps);
            int last = (int) Math.ceil((from + syllableSeconds) * fps);
            for (int frame = Math.max(0, first); frame <= last && frame < loudness.length; frame++) {
                double u = ((frame + 0.5) / fps - from) / syllableSeconds;
                if (u > 0 && u < 1) {
                    loudness[frame] = Math.max(loudness[frame], peak * Math.sin(Math.PI * u));
                }
            }
        }
        return start + syllables * syllableSeconds;
    }

    /** Vowel groups, a silent final e not counted, digits one each; at least one. */
    static int syllables(String word) {
        String lower = word.toLowerCase(Locale.ROOT).replace("'", "");
        long digits = lower.chars().filter(Character::isDigit).count();
        if (digits > 0) {
            return (int) digits;
        }
        Matcher groups = VOWELS.matcher(lower);
        int count = 0;
        while (groups.find()) {
            count++;
        }
        if (count > 1 && lower.endsWith("e") && !lower.endsWith("le") && !lower.endsWith("ee")) {
            count--;
        }
        return Math.max(1, count);
    }
}
