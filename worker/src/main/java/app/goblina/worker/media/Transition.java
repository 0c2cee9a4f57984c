package app.goblina.worker.media;

import java.time.Duration;
import java.util.Objects;

/**
 * How one clip gives way to the next.
 *
 * <p>A crossfade overlaps the end of a clip with the start of the next one for {@link #duration()}, pictures and
 * sound alike, so a short of {@code n} clips lasts {@code n - 1} fade durations less than its clips together. A
 * fade is shortened where a clip is too short to give it (it never takes more than half of either clip).
 *
 * @param kind a cut or a crossfade
 * @param duration how long a crossfade lasts; zero for a cut
 */
public record Transition(Kind kind, Duration duration) {

    /** The crossfade length used when none is given. */
    public static final Duration DEFAULT_CROSSFADE = Duration.ofMillis(300);

    public enum Kind {
        /** The next clip starts on the frame after the last one of the previous clip. */
        CUT,
        /** The clips overlap and blend linearly, sound included. */
        CROSSFADE
    }

    public Transition {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(duration, "duration");
        if (kind == Kind.CUT && !duration.isZero()) {
            throw new IllegalArgumentException("a cut has no duration");
        }
        if (kind == Kind.CROSSFADE && (duration.toMillis() < 10 || duration.compareTo(Duration.ofSeconds(3)) > 0)) {
            throw new IllegalArgumentException("a crossfade lasts 10 ms to 3 s, was " + duration);
        }
    }

    public static Transition cut() {
        return new Transition(Kind.CUT, Duration.ZERO);
    }

    /** A crossfade of {@link #DEFAULT_CROSSFADE}. */
    public static Transition crossfade() {
        return crossfade(DEFAULT_CROSSFADE);
    }

    public static Transition crossfade(Duration duration) {
        return new Transition(Kind.CROSSFADE, duration);
    }

    /** The fade length in seconds; 0 for a cut. */
    public double seconds() {
        return duration.toNanos() / 1e9;
    }
}
