package app.goblina.worker.media;

/**
 * The loudness processing of one short: a linear gain that brings its integrated loudness to the target, and the
 * limiter ceiling that keeps true peaks under the target after AAC encoding.
 *
 * <p>The ceiling is a sample-peak limit {@value #CODEC_HEADROOM_DB} dB under the true-peak target: inter-sample
 * peaks and the AAC encoder's overshoot both add a fraction of a dB on top of the limited samples.
 *
 * @param gainDb the gain in dB
 * @param ceilingDb the limiter ceiling in dBFS
 */
record LoudnessCorrection(double gainDb, double ceilingDb) {

    /** Quieter than this, a track is taken as silence or noise floor and left as it is, not amplified. */
    static final double QUIET_FLOOR_LUFS = -60;
    static final double CODEC_HEADROOM_DB = 1.0;

    /** The correction for a track measured as {@code measured}. */
    static LoudnessCorrection of(LoudnessMeter.Loudness measured, double targetLufs, double truePeakDb) {
        double gain = measured.integratedLufs() < QUIET_FLOOR_LUFS ? 0 : targetLufs - measured.integratedLufs();
        return new LoudnessCorrection(gain, truePeakDb - CODEC_HEADROOM_DB);
    }

    double ceilingLinear() {
        return Math.pow(10, ceilingDb / 20);
    }

    /** How far above the ceiling the track's true peak would go with the gain alone, in dB. */
    double overshootDb(LoudnessMeter.Loudness measured) {
        return measured.truePeakDbtp() + gainDb - ceilingDb;
    }

    LoudnessCorrection plusGain(double extraDb) {
        return new LoudnessCorrection(gainDb + extraDb, ceilingDb);
    }
}
