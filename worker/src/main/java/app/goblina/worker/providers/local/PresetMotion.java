package app.goblina.worker.providers.local;

import app.goblina.domain.Preset;
import app.goblina.worker.media.ColourGrade;
import app.goblina.worker.media.MotionStyle;

/**
 * How the local video generator's character moves for each preset, and the colour look of its clip: sassy sways
 * with attitude in warm, rich colour; wholesome bobs gently in soft, warm light; chaotic bounces fast with a
 * wobble in punchy saturation; deadpan barely breathes, in a cool, desaturated grade.
 */
final class PresetMotion {

    static final MotionStyle SASSY = new MotionStyle(1.5, 0.012, 0.035, 0.025, 3.5, 1.5, 0.7,
            new ColourGrade(1.2, 1.08, 10, -2, 6));
    static final MotionStyle WHOLESOME = new MotionStyle(1.1, 0.018, 0.03, 0.01, 1.5, 1.0, 0.6,
            new ColourGrade(1.08, 0.94, 10, 5, -6));
    static final MotionStyle CHAOTIC = new MotionStyle(2.6, 0.035, 0.08, 0.03, 7, 4, 0.9,
            new ColourGrade(1.5, 1.18, 0, 0, 0));
    static final MotionStyle DEADPAN = new MotionStyle(0.35, 0.003, 0.006, 0, 0, 0.4, 0.35,
            new ColourGrade(0.45, 0.95, -8, 0, 12));

    private PresetMotion() {
    }

    /** The preset's motion; without a preset, wholesome's. */
    static MotionStyle of(Preset preset) {
        if (preset == null) {
            return WHOLESOME;
        }
        return switch (preset) {
            case SASSY -> SASSY;
            case WHOLESOME -> WHOLESOME;
            case CHAOTIC -> CHAOTIC;
            case DEADPAN -> DEADPAN;
        };
    }
}
