package app.goblina.worker.media;

import java.util.List;

/**
 * The music's gain over the short: full level, dipped by {@link #DUCK_DB} while narration plays. The narration
 * schedule is known in advance, so the dip starts {@link #ATTACK_SECONDS} before a narration and the music comes
 * back over {@link #RELEASE_SECONDS} after it, both linearly; where one narration's release overlaps the next
 * one's attack, the deeper of the two dips applies.
 *
 * <p>A pure function of the sample number. Immutable and thread-safe.
 */
final class MusicDucking {

    /** Music level under narration: low enough that speech stays clear over any track, high enough to be heard. */
    static final double DUCK_DB = -12;
    /** Short enough that the first word is not masked, long enough not to click. */
    static final double ATTACK_SECONDS = 0.15;
    /** Slower than the attack, so the music comes back gently. */
    static final double RELEASE_SECONDS = 0.35;

    /**
     * Where one narration plays, in samples of the short.
     *
     * @param start its first sample
     * @param end the sample after its last
     */
    record Span(long start, long end) {}

    private final Span[] spans;
    /** For each span, the latest sample any span up to it still ducks (release included), exclusive. */
    private final long[] reach;
    private final long attack;
    private final long release;
    private final double duckGain = Math.pow(10, DUCK_DB / 20);

    /** Ducking under {@code narration} (in order) at {@link ShortEncoder#SAMPLE_RATE}. */
    MusicDucking(List<Span> narration) {
        this.spans = narration.toArray(new Span[0]);
        this.attack = Math.round(ATTACK_SECONDS * ShortEncoder.SAMPLE_RATE);
        this.release = Math.round(RELEASE_SECONDS * ShortEncoder.SAMPLE_RATE);
        this.reach = new long[spans.length];
        long latest = Long.MIN_VALUE;
        for (int i = 0; i < spans.length; i++) {
            latest = Math.max(latest, spans[i].end() + release);
            reach[i] = latest;
        }
    }

    /** The factor the music is multiplied by at {@code sample}: 1 at full level, {@link #DUCK_DB} fully ducked. */
    double gain(long sample) {
        return 1 + (duckGain - 1) * amount(sample);
    }

    /** 0 (music at full level) to 1 (fully ducked) at {@code sample}. */
    double amount(long sample) {
        double amount = 0;
        for (int i = firstReaching(sample); i < spans.length; i++) {
            Span span = spans[i];
            if (span.start() - attack > sample) {
                break;
            }
            if (sample >= span.start() && sample < span.end()) {
                return 1;
            }
            if (sample < span.start()) {
                amount = Math.max(amount, 1 - (double) (span.start() - sample) / attack);
            } else if (sample < span.end() + release) {
                amount = Math.max(amount, 1 - (double) (sample - span.end()) / release);
            }
        }
        return amount;
    }

    /** The first span that may still duck {@code sample}: those before it ended, release included, earlier. */
    private int firstReaching(long sample) {
        int low = 0;
        int high = spans.length;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (reach[middle] <= sample) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }
}
