package app.goblina.worker.providers.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SpeechRhythmTest {

    private static final int FPS = 30;

    @Test
    void eachSyllableIsOneSwellThatClosesBetweenSyllables() {
        double[] loudness = SpeechRhythm.envelope("Hello there, goblin friends.", 170, FPS, 120);

        // hel-lo there gob-lin friends: six syllables
        assertThat(swells(loudness)).isEqualTo(6);
        assertThat(Arrays.stream(loudness).min().orElseThrow()).isGreaterThanOrEqualTo(0.0);
        assertThat(Arrays.stream(loudness).max().orElseThrow()).isLessThanOrEqualTo(1.0);
    }

    @Test
    void theLineTakesAboutItsWordsAtTheNarratorsRateAndIsSilentAfterwards() {
        String line = "Let me explain why goblins make the best baristas slowly";
        double[] loudness = SpeechRhythm.envelope(line, 150, FPS, 300);

        double seconds = lastSound(loudness) / (double) FPS;
        double words = line.split(" ").length;
        assertThat(seconds).isCloseTo(words * 60 / 150, within(1.2));
        assertThat(loudness[(int) (seconds * FPS) + 5]).isZero();
    }

    @Test
    void aFasterNarratorFinishesSooner() {
        String line = "Plot twist: coffee was the friends we made along the way.";

        assertThat(lastSound(SpeechRhythm.envelope(line, 195, FPS, 300)))
                .isLessThan(lastSound(SpeechRhythm.envelope(line, 150, FPS, 300)));
    }

    @Test
    void aFullStopPausesLongerThanASpace() {
        double[] withStop = SpeechRhythm.envelope("Fact. Tea.", 170, FPS, 120);
        double[] without = SpeechRhythm.envelope("Fact tea", 170, FPS, 120);

        assertThat(lastSound(withStop) - lastSound(without)).isGreaterThanOrEqualTo((int) (SpeechRhythm.LONG_PAUSE * FPS) - 1);
    }

    @Test
    void shoutedWordsAreLouderThanTheRest() {
        double quiet = max(SpeechRhythm.envelope("wait for it", 170, FPS, 90));
        double loud = max(SpeechRhythm.envelope("WAIT FOR IT", 170, FPS, 90));

        assertThat(loud).isGreaterThan(quiet);
    }

    @Test
    void theSameLineGivesTheSameTrackAndNoLineGivesSilence() {
        assertThat(SpeechRhythm.envelope("Same line", 160, FPS, 60)).containsExactly(
                SpeechRhythm.envelope("Same line", 160, FPS, 60));
        assertThat(SpeechRhythm.envelope("", 160, FPS, 60)).containsOnly(0.0);
        assertThat(SpeechRhythm.envelope(null, 160, FPS, 60)).containsOnly(0.0);
    }

    @Test
    void syllablesAreCountedByVowelGroups() {
        assertThat(SpeechRhythm.syllables("goblin")).isEqualTo(2);
        assertThat(SpeechRhythm.syllables("make")).isEqualTo(1);
        assertThat(SpeechRhythm.syllables("baristas")).isEqualTo(3);
        assertThat(SpeechRhythm.syllables("tea")).isEqualTo(1);
        assertThat(SpeechRhythm.syllables("42")).isEqualTo(2);
        assertThat(SpeechRhythm.syllables("hmm")).isEqualTo(1);
    }

    /** Runs of sound separated by a closed or nearly closed frame. */
    private static int swells(double[] loudness) {
        int count = 0;
        boolean rising = false;
        for (int i = 1; i < loudness.length - 1; i++) {
            if (loudness[i] > 0.3 && loudness[i] >= loudness[i - 1] && loudness[i] >= loudness[i + 1] && !rising) {
                count++;
                rising = true;
            }
            if (loudness[i] < loudness[i - 1] && loudness[i] <= loudness[i + 1]) {
                rising = false;
            }
        }
        return count;
    }

    private static int lastSound(double[] loudness) {
        for (int i = loudness.length - 1; i >= 0; i--) {
            if (loudness[i] > 0) {
                return i;
            }
        }
        return -1;
    }

    private static double max(double[] values) {
        double most = 0;
        for (double value : values) {
            most = Math.max(most, value);
        }
        return most;
    }
}
