package app.goblina.worker.media;

import java.util.Objects;

/**
 * How an animated character moves and how its clip is coloured. The character rides a beat: each beat lifts it by
 * {@code bob} and squashes and stretches it by {@code squash} (wider and shorter at the bottom, taller and
 * narrower at the top, its feet staying put), while it sways sideways at half the tempo and, with a
 * {@code wobble}, rocks about its feet.
 *
 * @param beatsPerSecond the tempo of the bob, 0.1 to 5
 * @param bob            how far the character lifts on a beat, in frame heights, 0 to 0.1
 * @param squash         the squash-and-stretch, as a fraction of the character's size, 0 to 0.2
 * @param sway           the sideways sway, in frame widths, 0 to 0.1
 * @param wobble         the rocking angle, in degrees, 0 to 15
 * @param backdropDrift  how many times the backdrop drifts to and fro in ten seconds, 0 to 10
 * @param mouthOpen      how wide the mouth opens at the loudest, as a share of its width, 0 to 1
 * @param grade          the colour look of the whole clip
 */
public record MotionStyle(double beatsPerSecond, double bob, double squash, double sway, double wobble,
        double backdropDrift, double mouthOpen, ColourGrade grade) {

    public MotionStyle {
        Objects.requireNonNull(grade, "grade");
        require("beatsPerSecond", beatsPerSecond, 0.1, 5);
        require("bob", bob, 0, 0.1);
        require("squash", squash, 0, 0.2);
        require("sway", sway, 0, 0.1);
        require("wobble", wobble, 0, 15);
        require("backdropDrift", backdropDrift, 0, 10);
        require("mouthOpen", mouthOpen, 0, 1);
    }

    private static void require(String name, double value, double min, double max) {
        if (!(value >= min && value <= max)) {
            throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", was " + value);
        }
    }
}
