package app.goblina.worker.media;

import app.goblina.failures.PermanentFailure;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A music track read over and over, as 48 kHz stereo interleaved float: when it ends it starts again, so it
 * lasts as long as the short. Opens the file when first read. Not thread-safe.
 */
final class LoopingAudio implements AutoCloseable {

    private final Path file;
    private final String name;
    private AudioSource source;
    private final float[] part = new float[2 * 4096];

    /** {@code name} is how failures refer to the track, e.g. {@code music (theme.mp3)}. */
    LoopingAudio(Path file, String name) {
        this.file = file;
        this.name = name;
    }

    /**
     * Fills {@code out} with the next {@code count} stereo samples; silence once the track turns out to hold no samples at all.
     *
     * @throws PermanentFailure when the file has no sound
     */
    void read(float[] out, int count) {
        int filled = 0;
        boolean restarted = false;
        while (filled < count) {
            if (source == null) {
                source = AudioSource.open(file, name, false);
                if (source == null) {
                    throw new PermanentFailure("The " + name + " has no sound");
                }
            }
            int wanted = Math.min(count - filled, part.length / 2);
            int real = source.read(part, wanted);
            System.arraycopy(part, 0, out, 2 * filled, 2 * real);
            filled += real;
            if (real < wanted) {
                // The track ended: start it over, unless it has no samples at all.
                source.close();
                source = null;
                if (real == 0 && restarted) {
                    Arrays.fill(out, 2 * filled, 2 * count, 0f);
                    return;
                }
                restarted = real == 0;
            }
        }
    }

    @Override
    public void close() {
        if (source != null) {
            source.close();
        }
    }
}
