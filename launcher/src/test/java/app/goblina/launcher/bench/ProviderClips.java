package app.goblina.launcher.bench;

import app.goblina.worker.media.AssemblySettings;
import app.goblina.worker.media.ClipRenderer;
import app.goblina.worker.media.ShortAssembler;
import app.goblina.worker.media.Transition;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

/** The clip the benchmarks' video fake answers every generation with. */
final class ProviderClips {

    /** Width and height of a clip already in the output format, and of the shorts the benchmarks ask for. */
    static final int WIDTH = 720;
    static final int HEIGHT = 1280;

    private ProviderClips() {
    }

    /** A small silent clip (180x320, 15 fps, 2 s): the assembly scales, re-times and re-encodes it. */
    static Path small(Path dir) throws IOException {
        Path clip = dir.resolve("provider-clip-small.mp4");
        new ClipRenderer().render(new ClipRenderer.ClipSpec(180, 320, 15, 2, List.of("#4f9a3a", "#7a2e8c"), null),
                BenchStack.REPO_ROOT.resolve("examples/ms-goblina.png"), clip);
        return clip;
    }

    /**
     * A 2 s clip already in a 720x1280 short's exact format (H.264 High yuv420p at 30 fps, AAC 48 kHz stereo), made
     * by the assembler itself from the small clip and a tone. A project with a cut, no captions, no narration, no
     * music and its loudness kept joins such clips by copying them: its assembly is a fraction of a second of CPU.
     */
    static Path inOutputFormat(Path dir) throws IOException {
        Path tone = tone(dir.resolve("tone.wav"), 3.0);
        Path work = Files.createDirectories(dir.resolve("clip-work"));
        Path clip = dir.resolve("provider-clip-720x1280.mp4");
        new ShortAssembler().assemble(List.of(new ShortAssembler.AssemblyClip(small(dir), null, null)),
                AssemblySettings.builder(work).size(WIDTH, HEIGHT).fps(30).transition(Transition.cut())
                        .burnCaptions(false).music(tone).build(),
                clip, dir.resolve("provider-clip-thumbnail.jpg"));
        return clip;
    }

    private static Path tone(Path file, double seconds) throws IOException {
        int rate = 48_000;
        int frames = (int) (seconds * rate);
        ByteBuffer pcm = ByteBuffer.allocate(frames * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < frames; i++) {
            short sample = (short) (Math.sin(2 * Math.PI * 330 * i / rate) * 6000);
            pcm.putShort(sample).putShort(sample);
        }
        AudioFormat format = new AudioFormat(rate, 16, 2, true, false);
        try (AudioInputStream stream = new AudioInputStream(new ByteArrayInputStream(pcm.array()), format, frames)) {
            AudioSystem.write(stream, AudioFileFormat.Type.WAVE, file.toFile());
        }
        return file;
    }
}
