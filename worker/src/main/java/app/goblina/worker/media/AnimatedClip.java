package app.goblina.worker.media;

import app.goblina.worker.media.ClipRenderer.ClipSpec;
import java.util.Arrays;
import java.util.Objects;

/**
 * What {@link AnimatedClipRenderer} should make: the frame (size, rate, length and palette, as for
 * {@link ClipRenderer}; its caption is not drawn), how the character moves, how far its mouth is open on each
 * frame, and a seed that places the backdrop's shapes and the beat's phase.
 *
 * @param frame  size, rate, length and the palette the backdrop is built from
 * @param motion the character's movement and the clip's colour grade
 * @param mouth  the mouth's opening on frame {@code i}, 0 (closed) to 1 (widest); frames past the end are closed
 * @param seed   any number; the same seed and inputs give the same frames
 */
public record AnimatedClip(ClipSpec frame, MotionStyle motion, double[] mouth, long seed) {

    public AnimatedClip {
        Objects.requireNonNull(frame, "frame");
        Objects.requireNonNull(motion, "motion");
        mouth = mouth == null ? new double[0] : mouth.clone();
        for (double value : mouth) {
            if (!(value >= 0 && value <= 1)) {
                throw new IllegalArgumentException("mouth openings must be between 0 and 1, was " + value);
            }
        }
    }

    /** How far the mouth is open on frame {@code index}. */
    double mouthAt(int index) {
        return index >= 0 && index < mouth.length ? mouth[index] : 0;
    }

    @Override
    public double[] mouth() {
        return mouth.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AnimatedClip that && frame.equals(that.frame) && motion.equals(that.motion)
                && Arrays.equals(mouth, that.mouth) && seed == that.seed;
    }

    @Override
    public int hashCode() {
        return Objects.hash(frame, motion, Arrays.hashCode(mouth), seed);
    }

    @Override
    public String toString() {
        return "AnimatedClip[frame=" + frame + ", motion=" + motion + ", mouth=" + mouth.length + " frames, seed="
                + seed + "]";
    }
}
