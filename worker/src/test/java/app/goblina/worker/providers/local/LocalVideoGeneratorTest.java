package app.goblina.worker.providers.local;

import static org.assertj.core.api.Assertions.assertThat;

import app.goblina.clips.ClipRequest;
import app.goblina.domain.Preset;
import app.goblina.storage.local.LocalDiskBlobStore;
import app.goblina.worker.WorkerConfig;
import app.goblina.worker.limits.MediaSlots;
import app.goblina.worker.media.AnimatedClip;
import app.goblina.worker.media.AnimatedClipRenderer;
import app.goblina.worker.media.MediaProbe;
import app.goblina.worker.providers.VideoContractMedia;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.Java2DFrameConverter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalVideoGeneratorTest {

    @TempDir
    Path work;

    @Test
    void aChaoticClipIsMoreSaturatedAndMovesMoreThanADeadpanOne() throws IOException {
        LocalVideoGenerator generator = generator();
        Path chaotic = render(generator, request("WAIT. Coffee. RIGHT NOW.", Preset.CHAOTIC), "chaotic.mp4");
        Path deadpan = render(generator, request("WAIT. Coffee. RIGHT NOW.", Preset.DEADPAN), "deadpan.mp4");

        assertThat(new MediaProbe().probe(chaotic).width()).isEqualTo(180);
        assertThat(saturation(chaotic)).isGreaterThan(saturation(deadpan) + 0.15);
        assertThat(motion(chaotic)).isGreaterThan(2 * motion(deadpan));
    }

    @Test
    void theMouthFollowsTheLineAtTheLocalNarratorsRateForThePreset() {
        AnimatedClip chaotic = LocalVideoGenerator.animation(request("Coffee, darling.", Preset.CHAOTIC));
        AnimatedClip deadpan = LocalVideoGenerator.animation(request("Coffee, darling.", Preset.DEADPAN));

        assertThat(chaotic.motion()).isEqualTo(PresetMotion.CHAOTIC);
        assertThat(deadpan.motion()).isEqualTo(PresetMotion.DEADPAN);
        assertThat(chaotic.mouth()).hasSize(60);
        assertThat(Arrays.stream(chaotic.mouth()).max().orElseThrow()).isGreaterThan(0.5);
        // chaotic speaks at 195 words a minute, deadpan at 150: the same line ends sooner
        assertThat(lastOpen(chaotic.mouth())).isLessThan(lastOpen(deadpan.mouth()));
    }

    @Test
    void theSameSceneGetsTheSameAnimationAndAnotherLineAnother() {
        AnimatedClip once = LocalVideoGenerator.animation(request("Tea time.", Preset.SASSY));
        AnimatedClip again = LocalVideoGenerator.animation(request("Tea time.", Preset.SASSY));
        AnimatedClip other = LocalVideoGenerator.animation(request("Exhibit A: tea.", Preset.SASSY));

        assertThat(again).isEqualTo(once);
        assertThat(other.seed()).isNotEqualTo(once.seed());
        assertThat(Arrays.equals(other.mouth(), once.mouth())).isFalse();
    }

    private LocalVideoGenerator generator() {
        WorkerConfig config = new WorkerConfig("local-video", 1, Duration.ofSeconds(5), false, 1,
                work.resolve("scratch").toString(), Duration.ofMinutes(5), Duration.ofMinutes(30));
        return new LocalVideoGenerator(new LocalDiskBlobStore(work.resolve("blobs")), new AnimatedClipRenderer(),
                new MediaSlots(config), config);
    }

    private static ClipRequest request(String line, Preset preset) {
        ClipRequest base = VideoContractMedia.request("a goblin talks", 2, 180, 320);
        return new ClipRequest(base.idempotencyKey(), base.prompt(), line, base.referenceImage(),
                base.imageMediaType(), base.palette(), base.seconds(), base.width(), base.height(), null, preset);
    }

    private Path render(LocalVideoGenerator generator, ClipRequest request, String name) {
        generator.submit(request);
        Path target = work.resolve(name);
        generator.download(request.idempotencyKey(), target);
        return target;
    }

    private static double saturation(Path clip) throws IOException {
        BufferedImage frame = frames(clip)[0];
        double sum = 0;
        float[] hsb = new float[3];
        for (int y = 0; y < frame.getHeight(); y++) {
            for (int x = 0; x < frame.getWidth(); x++) {
                int p = frame.getRGB(x, y);
                Color.RGBtoHSB((p >> 16) & 0xff, (p >> 8) & 0xff, p & 0xff, hsb);
                sum += hsb[1];
            }
        }
        return sum / (frame.getWidth() * frame.getHeight());
    }

    /** Mean absolute change per channel from each frame to the next, over the clip. */
    private static double motion(Path clip) throws IOException {
        BufferedImage[] frames = frames(clip);
        double total = 0;
        for (int i = 1; i < frames.length; i++) {
            long sum = 0;
            for (int y = 0; y < frames[i].getHeight(); y++) {
                for (int x = 0; x < frames[i].getWidth(); x++) {
                    int p = frames[i].getRGB(x, y), q = frames[i - 1].getRGB(x, y);
                    sum += Math.abs(((p >> 16) & 0xff) - ((q >> 16) & 0xff)) + Math.abs(((p >> 8) & 0xff) - ((q >> 8) & 0xff))
                            + Math.abs((p & 0xff) - (q & 0xff));
                }
            }
            total += sum / (3.0 * frames[i].getWidth() * frames[i].getHeight());
        }
        return total / (frames.length - 1);
    }

    private static BufferedImage[] frames(Path clip) throws IOException {
        java.util.List<BufferedImage> frames = new java.util.ArrayList<>();
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(clip.toFile());
                Java2DFrameConverter converter = new Java2DFrameConverter()) {
            grabber.start();
            Frame frame;
            while ((frame = grabber.grabImage()) != null) {
                BufferedImage shared = converter.convert(frame);
                BufferedImage copy = new BufferedImage(shared.getWidth(), shared.getHeight(), BufferedImage.TYPE_INT_RGB);
                copy.createGraphics().drawImage(shared, 0, 0, null);
                frames.add(copy);
            }
            grabber.stop();
        }
        assertThat(Files.size(clip)).isPositive();
        return frames.toArray(BufferedImage[]::new);
    }

    private static int lastOpen(double[] mouth) {
        for (int i = mouth.length - 1; i >= 0; i--) {
            if (mouth[i] > 0) {
                return i;
            }
        }
        return -1;
    }
}
