package app.goblina.worker.media;

/**
 * The slow zoom and gentle pan applied to the character over a clip: zoom from 1 to {@link #MAX_ZOOM}, drift
 * sideways across a few percent of the frame and slightly upwards. Eased at both ends so a cut between clips does
 * not start or stop with a jerk.
 */
final class KenBurnsMotion {

    static final double MAX_ZOOM = 1.12;
    private static final double PAN_FRACTION_X = 0.05;
    private static final double DRIFT_FRACTION_Y = 0.015;

    private final int frameCount;
    private final boolean panRight;

    /** @param panRight direction of the sideways drift, so consecutive clips can alternate */
    KenBurnsMotion(int frameCount, boolean panRight) {
        this.frameCount = frameCount;
        this.panRight = panRight;
    }

    /** Eased progress in [0, 1] at frame {@code index}. */
    double progress(int index) {
        if (frameCount <= 1) {
            return 0;
        }
        double t = Math.clamp((double) index / (frameCount - 1), 0.0, 1.0);
        return t * t * (3 - 2 * t);
    }

    double zoom(int index) {
        return 1 + (MAX_ZOOM - 1) * progress(index);
    }

    /** Horizontal offset of the character's centre, in frame widths. */
    double offsetX(int index) {
        double offset = (progress(index) - 0.5) * PAN_FRACTION_X;
        return panRight ? offset : -offset;
    }

    /** Vertical offset of the character's centre, in frame heights (negative is up). */
    double offsetY(int index) {
        return -progress(index) * DRIFT_FRACTION_Y;
    }
}
