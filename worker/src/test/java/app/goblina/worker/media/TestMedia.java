package app.goblina.worker.media;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGR24;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_FLT;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.FloatBuffer;
import java.nio.ShortBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.Java2DFrameConverter;

/** Makes media files for tests and reads them back. */
final class TestMedia {

    private TestMedia() {}

    /** A 300x400 cartoon character on a transparent background, in the given ImageIO format. */
    static Path character(Path file, String format) throws IOException {
        boolean alpha = format.equals("png");
        BufferedImage image = new BufferedImage(300, 400, alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            if (!alpha) {
                g.setColor(Color.WHITE);
                g.fillRect(0, 0, 300, 400);
            }
            g.setColor(new Color(70, 160, 60));
            g.fillOval(50, 20, 200, 180);
            g.fillRoundRect(80, 190, 140, 190, 40, 40);
            g.setColor(Color.WHITE);
            g.fillOval(95, 70, 40, 40);
            g.fillOval(165, 70, 40, 40);
            g.setColor(Color.BLACK);
            g.fillOval(108, 83, 16, 16);
            g.fillOval(178, 83, 16, 16);
            g.setStroke(new BasicStroke(6));
            g.drawArc(110, 120, 80, 50, 200, 140);
            g.setColor(new Color(200, 40, 40));
            for (int stripe = 0; stripe < 6; stripe++) {
                g.fillRect(80, 210 + stripe * 28, 140, 12);
            }
        } finally {
            g.dispose();
        }
        ImageIO.write(image, format, file.toFile());
        return file;
    }

    /**
     * A clip with a moving pattern at the given size and rate, with a sine tone when {@code toneHz > 0} (AAC at
     * {@code sampleRate} with {@code channels}), silent and without an audio track otherwise.
     */
    static Path clip(Path file, int width, int height, int fps, double seconds, double toneHz, int sampleRate,
            int channels) throws IOException {
        boolean tone = toneHz > 0;
        FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(file.toFile(), width, height, tone ? channels : 0);
        recorder.setFormat("mp4");
        recorder.setVideoCodecName("libx264");
        recorder.setPixelFormat(AV_PIX_FMT_YUV420P);
        recorder.setFrameRate(fps);
        recorder.setVideoBitrate(0);
        recorder.setVideoOption("preset", "ultrafast");
        if (tone) {
            recorder.setAudioCodecName("aac");
            recorder.setSampleRate(sampleRate);
            recorder.setAudioChannels(channels);
        }
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = image.createGraphics();
        int frames = (int) Math.round(seconds * fps);
        long samplesWritten = 0;
        try (Java2DFrameConverter converter = new Java2DFrameConverter()) {
            recorder.start();
            for (int i = 0; i < frames; i++) {
                g.setColor(new Color(30, 30, 90));
                g.fillRect(0, 0, width, height);
                g.setColor(Color.ORANGE);
                g.fillRect((i * 7) % width, height / 3, width / 5, height / 3);
                recorder.record(converter.convert(image), AV_PIX_FMT_BGR24);
                if (tone) {
                    long until = (long) (i + 1) * sampleRate / fps;
                    int count = (int) (until - samplesWritten);
                    ShortBuffer samples = ShortBuffer.allocate(count * channels);
                    for (int s = 0; s < count; s++) {
                        short value = (short) (12000 * Math.sin(2 * Math.PI * toneHz * (samplesWritten + s) / sampleRate));
                        for (int c = 0; c < channels; c++) {
                            samples.put(value);
                        }
                    }
                    samples.flip();
                    recorder.recordSamples(sampleRate, channels, samples);
                    samplesWritten = until;
                }
            }
            recorder.stop();
        } finally {
            g.dispose();
            recorder.release();
        }
        return file;
    }

    /** The number of decodable video frames. */
    static int frameCount(Path video) throws IOException {
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(video.toFile())) {
            grabber.start();
            int count = 0;
            while (grabber.grabImage() != null) {
                count++;
            }
            grabber.stop();
            return count;
        }
    }

    /** Video frame {@code index} (0-based) as a standalone RGB image. */
    static BufferedImage frame(Path video, int index) throws IOException {
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(video.toFile());
                Java2DFrameConverter converter = new Java2DFrameConverter()) {
            grabber.start();
            for (int i = 0; ; i++) {
                Frame frame = grabber.grabImage();
                if (frame == null) {
                    throw new IllegalArgumentException(video + " has no frame " + index);
                }
                if (i == index) {
                    BufferedImage shared = converter.convert(frame);
                    BufferedImage copy = new BufferedImage(shared.getWidth(), shared.getHeight(), BufferedImage.TYPE_INT_RGB);
                    Graphics2D g = copy.createGraphics();
                    g.drawImage(shared, 0, 0, null);
                    g.dispose();
                    return copy;
                }
            }
        }
    }

    /** Root-mean-square level of the audio between {@code from} and {@code to} seconds, mixed to mono, 0..1. */
    static double audioLevel(Path video, double from, double to) throws IOException {
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(video.toFile())) {
            grabber.setSampleFormat(AV_SAMPLE_FMT_FLT);
            grabber.start();
            int channels = grabber.getAudioChannels();
            int rate = grabber.getSampleRate();
            double sum = 0;
            long count = 0;
            long position = 0;
            Frame frame;
            while ((frame = grabber.grabSamples()) != null) {
                FloatBuffer samples = (FloatBuffer) frame.samples[0];
                int frames = samples.remaining() / channels;
                for (int i = 0; i < frames; i++) {
                    double t = (double) (position + i) / rate;
                    if (t >= from && t < to) {
                        double mono = 0;
                        for (int c = 0; c < channels; c++) {
                            mono += samples.get(samples.position() + i * channels + c);
                        }
                        mono /= channels;
                        sum += mono * mono;
                        count++;
                    }
                }
                position += frames;
            }
            grabber.stop();
            return count == 0 ? 0 : Math.sqrt(sum / count);
        }
    }

    /** Mean absolute difference per colour channel between two images over {@code region}, 0..255. */
    static double difference(BufferedImage a, BufferedImage b, Rectangle region) {
        long total = 0;
        for (int y = region.y; y < region.y + region.height; y++) {
            for (int x = region.x; x < region.x + region.width; x++) {
                int p = a.getRGB(x, y);
                int q = b.getRGB(x, y);
                total += Math.abs(((p >> 16) & 0xff) - ((q >> 16) & 0xff))
                        + Math.abs(((p >> 8) & 0xff) - ((q >> 8) & 0xff))
                        + Math.abs((p & 0xff) - (q & 0xff));
            }
        }
        return total / (3.0 * region.width * region.height);
    }

    /** Average colour over {@code region}. */
    static Color average(BufferedImage image, Rectangle region) {
        long red = 0;
        long green = 0;
        long blue = 0;
        for (int y = region.y; y < region.y + region.height; y++) {
            for (int x = region.x; x < region.x + region.width; x++) {
                int p = image.getRGB(x, y);
                red += (p >> 16) & 0xff;
                green += (p >> 8) & 0xff;
                blue += p & 0xff;
            }
        }
        long n = (long) region.width * region.height;
        return new Color((int) (red / n), (int) (green / n), (int) (blue / n));
    }

    /** The four-character types of an MP4's top-level boxes, in file order. */
    static List<String> topLevelBoxes(Path mp4) throws IOException {
        List<String> types = new ArrayList<>();
        try (InputStream raw = Files.newInputStream(mp4); DataInputStream in = new DataInputStream(raw)) {
            while (true) {
                long size;
                try {
                    size = Integer.toUnsignedLong(in.readInt());
                } catch (EOFException end) {
                    return types;
                }
                byte[] type = new byte[4];
                in.readFully(type);
                types.add(new String(type, StandardCharsets.US_ASCII));
                long header = 8;
                if (size == 1) {
                    size = in.readLong();
                    header = 16;
                } else if (size == 0) {
                    return types;
                }
                in.skipNBytes(size - header);
            }
        }
    }
}
