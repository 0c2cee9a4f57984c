package app.goblina.worker.assembly;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

/**
 * The {@code soft-pad} background track, synthesized: four slow chords (I–vi–IV–V in C) of detuned sines with a
 * gentle swell, 48 kHz stereo 16-bit WAV. Made for each assembly, so no music file has to be shipped or licensed;
 * the assembler loops or trims it to the short, ducks it under narration and normalizes loudness.
 */
final class SoftPadTrack {

    static final int RATE = 48_000;
    private static final double[][] CHORDS = {
            {261.63, 329.63, 392.00}, {220.00, 261.63, 329.63}, {174.61, 220.00, 261.63}, {196.00, 246.94, 293.66}};
    private static final double CHORD_SECONDS = 4.0;

    private SoftPadTrack() {
    }

    /** Writes {@code seconds} of the track to {@code target}; about 190 kB per second, a few MB for a short. */
    static void write(Path target, double seconds) throws IOException {
        int frames = (int) Math.ceil(seconds * RATE);
        byte[] pcm = new byte[frames * 4];
        for (int i = 0; i < frames; i++) {
            double t = (double) i / RATE;
            double[] chord = CHORDS[(int) (t / CHORD_SECONDS) % CHORDS.length];
            double phase = (t % CHORD_SECONDS) / CHORD_SECONDS;
            double swell = Math.sin(Math.PI * phase);
            double left = 0;
            double right = 0;
            for (double f : chord) {
                left += Math.sin(2 * Math.PI * f * t) + 0.5 * Math.sin(2 * Math.PI * f * 1.003 * t);
                right += Math.sin(2 * Math.PI * f * 0.997 * t) + 0.5 * Math.sin(2 * Math.PI * f * 2 * t) * 0.3;
            }
            short l = (short) (left / (chord.length * 1.5) * swell * 0.3 * Short.MAX_VALUE);
            short r = (short) (right / (chord.length * 1.5) * swell * 0.3 * Short.MAX_VALUE);
            int o = i * 4;
            pcm[o] = (byte) l;
            pcm[o + 1] = (byte) (l >> 8);
            pcm[o + 2] = (byte) r;
            pcm[o + 3] = (byte) (r >> 8);
        }
        AudioFormat format = new AudioFormat(RATE, 16, 2, true, false);
        try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(pcm), format, frames)) {
            AudioSystem.write(in, AudioFileFormat.Type.WAVE, target.toFile());
        }
    }
}
