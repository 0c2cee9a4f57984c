package app.goblina.worker.media;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGR24;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_FLT;
import static org.bytedeco.ffmpeg.global.avutil.av_color_primaries_name;
import static org.bytedeco.ffmpeg.global.avutil.av_color_range_name;
import static org.bytedeco.ffmpeg.global.avutil.av_color_space_name;
import static org.bytedeco.ffmpeg.global.avutil.av_color_transfer_name;

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
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.ShortBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.javacv.Java2DFrameConverter;

/** Makes media files for tests and reads them back. */
public final class TestMedia {

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
        return clip(file, width, height, fps, seconds, toneHz, sampleRate, channels, 12000 / 32768.0, false);
    }

    /**
     * Like {@link #clip(Path, int, int, int, double, double, int, int)} with the tone's peak {@code amplitude}
     * (0..1); {@code joinable} makes it H.264 High (veryfast) as the fast path wants, instead of ultrafast's
     * Baseline.
     */
    public static Path clip(Path file, int width, int height, int fps, double seconds, double toneHz, int sampleRate,
            int channels, double amplitude, boolean joinable) throws IOException {
        boolean tone = toneHz > 0;
        FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(file.toFile(), width, height, tone ? channels : 0);
        recorder.setFormat("mp4");
        recorder.setVideoCodecName("libx264");
        recorder.setPixelFormat(AV_PIX_FMT_YUV420P);
        recorder.setFrameRate(fps);
        recorder.setVideoBitrate(0);
        recorder.setVideoOption("preset", joinable ? "veryfast" : "ultrafast");
        if (joinable) {
            recorder.setVideoOption("profile", "high");
            recorder.setGopSize(fps);
        }
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
                        short value = (short) Math.round(32767 * amplitude
                                * Math.sin(2 * Math.PI * toneHz * (samplesWritten + s) / sampleRate));
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

    /** A clip of one flat colour, silent: only what the assembler draws changes on it. */
    static Path flatClip(Path file, int width, int height, int fps, double seconds, Color colour) throws IOException {
        return paintedClip(file, width, height, fps, seconds, 0, g -> {
            g.setColor(colour);
            g.fillRect(0, 0, width, height);
        });
    }

    /**
     * A silent clip whose left half is red and right half blue, stored {@code width} x {@code height} and marked for
     * display turned {@code rotation} degrees, as phones record.
     */
    static Path halvesClip(Path file, int width, int height, double rotation) throws IOException {
        return paintedClip(file, width, height, 25, 0.4, rotation, g -> {
            g.setColor(Color.RED);
            g.fillRect(0, 0, width / 2, height);
            g.setColor(Color.BLUE);
            g.fillRect(width / 2, 0, width - width / 2, height);
        });
    }

    private static Path paintedClip(Path file, int width, int height, int fps, double seconds, double rotation,
            Consumer<Graphics2D> painter) throws IOException {
        FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(file.toFile(), width, height, 0);
        if (rotation != 0) {
            recorder.setDisplayRotation(rotation);
        }
        recorder.setFormat("mp4");
        recorder.setVideoCodecName("libx264");
        recorder.setPixelFormat(AV_PIX_FMT_YUV420P);
        recorder.setFrameRate(fps);
        recorder.setVideoBitrate(0);
        recorder.setVideoOption("preset", "ultrafast");
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = image.createGraphics();
        painter.accept(g);
        g.dispose();
        try (Java2DFrameConverter converter = new Java2DFrameConverter()) {
            recorder.start();
            Frame frame = converter.convert(image);
            for (int i = 0; i < Math.round(seconds * fps); i++) {
                recorder.record(frame, AV_PIX_FMT_BGR24);
            }
            recorder.stop();
        } finally {
            recorder.release();
        }
        return file;
    }

    /**
     * A sound file (the container follows the name: {@code .wav}, {@code .mp3}, {@code .m4a}, {@code .opus}) with
     * a sine tone of peak {@code amplitude}, plus, when {@code clickEvery > 0}, a short click peaking at -6 dBFS that
     * often: a signal with sharp peaks, like speech, for the limiter.
     */
    static Path tone(Path file, double seconds, double hz, double amplitude, int sampleRate, int channels,
            double clickEvery) throws IOException {
        String name = file.getFileName().toString();
        String extension = name.substring(name.lastIndexOf('.') + 1);
        FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(file.toFile(), channels);
        switch (extension) {
            case "wav" -> {
                recorder.setFormat("wav");
                recorder.setAudioCodecName("pcm_s16le");
            }
            case "mp3" -> {
                recorder.setFormat("mp3");
                recorder.setAudioCodecName("libmp3lame");
            }
            case "opus" -> {
                recorder.setFormat("ogg");
                recorder.setAudioCodecName("libopus");
            }
            default -> {
                recorder.setFormat("ipod");
                recorder.setAudioCodecName("aac");
            }
        }
        recorder.setSampleRate(sampleRate);
        recorder.setAudioChannels(channels);
        recorder.setAudioBitrate(128_000);
        int total = (int) Math.round(seconds * sampleRate);
        int clickPeriod = clickEvery > 0 ? (int) Math.round(clickEvery * sampleRate) : 0;
        try {
            recorder.start();
            int chunk = 4096;
            for (int start = 0; start < total; start += chunk) {
                int count = Math.min(chunk, total - start);
                ShortBuffer samples = ShortBuffer.allocate(count * channels);
                for (int i = 0; i < count; i++) {
                    int n = start + i;
                    double value = amplitude * Math.sin(2 * Math.PI * hz * n / sampleRate);
                    if (clickPeriod > 0 && n % clickPeriod < 8) {
                        value = (n % clickPeriod) % 2 == 0 ? 0.5 : -0.5;
                    }
                    short quantized = (short) Math.round(32767 * Math.clamp(value, -1, 1));
                    for (int c = 0; c < channels; c++) {
                        samples.put(quantized);
                    }
                }
                samples.flip();
                recorder.recordSamples(sampleRate, channels, samples);
            }
            recorder.stop();
        } finally {
            recorder.release();
        }
        return file;
    }

    /**
     * The amplitude of the {@code hz} component of the audio between {@code from} and {@code to} seconds (mono
     * mix), measured with the Goertzel algorithm: 1.0 for a full-scale sine at that frequency.
     */
    static double toneLevel(Path media, double from, double to, double hz) throws IOException {
        double[] mono = monoSamples(media, from, to);
        int rate = 48_000;
        double coefficient = 2 * Math.cos(2 * Math.PI * hz / rate);
        double previous = 0;
        double beforePrevious = 0;
        for (double sample : mono) {
            double current = sample + coefficient * previous - beforePrevious;
            beforePrevious = previous;
            previous = current;
        }
        double power = previous * previous + beforePrevious * beforePrevious - coefficient * previous * beforePrevious;
        return mono.length == 0 ? 0 : 2 * Math.sqrt(Math.max(0, power)) / mono.length;
    }

    /** The largest absolute sample value of the whole sound track (0..1). */
    static double peakSample(Path media) throws IOException {
        double peak = 0;
        for (double sample : monoSamples(media, 0, Double.MAX_VALUE)) {
            peak = Math.max(peak, Math.abs(sample));
        }
        return peak;
    }

    /** The audio between {@code from} and {@code to} seconds, mixed to mono, resampled to 48 kHz. */
    private static double[] monoSamples(Path media, double from, double to) throws IOException {
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(media.toFile())) {
            grabber.setSampleFormat(AV_SAMPLE_FMT_FLT);
            grabber.setSampleRate(48_000);
            grabber.start();
            int channels = grabber.getAudioChannels();
            List<Double> values = new ArrayList<>();
            long position = 0;
            Frame frame;
            while ((frame = grabber.grabSamples()) != null) {
                FloatBuffer samples = (FloatBuffer) frame.samples[0];
                int frames = samples.remaining() / channels;
                for (int i = 0; i < frames; i++) {
                    double t = (double) (position + i) / 48_000;
                    if (t >= from && t < to) {
                        double mono = 0;
                        for (int c = 0; c < channels; c++) {
                            mono += samples.get(samples.position() + i * channels + c);
                        }
                        values.add(mono / channels);
                    }
                }
                position += frames;
            }
            grabber.stop();
            return values.stream().mapToDouble(Double::doubleValue).toArray();
        }
    }

    /** The compressed video packets of {@code video}, in file order. */
    public static List<byte[]> videoPackets(Path video) throws IOException {
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(video.toFile())) {
            grabber.start();
            int videoStream = grabber.getVideoStream();
            List<byte[]> packets = new ArrayList<>();
            AVPacket packet;
            while ((packet = grabber.grabPacket()) != null) {
                if (packet.stream_index() == videoStream) {
                    byte[] data = new byte[packet.size()];
                    packet.data().get(data);
                    packets.add(data);
                }
                av_packet_unref(packet);
            }
            grabber.stop();
            return packets;
        }
    }

    /** The number of decodable video frames. */
    public static int frameCount(Path video) throws IOException {
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

    /** The video frames whose index {@code keep} accepts, decoded in one pass, as standalone RGB images by index. */
    static java.util.Map<Integer, BufferedImage> frames(Path video, java.util.function.IntPredicate keep)
            throws IOException {
        java.util.Map<Integer, BufferedImage> kept = new java.util.TreeMap<>();
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(video.toFile());
                Java2DFrameConverter converter = new Java2DFrameConverter()) {
            grabber.start();
            Frame frame;
            for (int i = 0; (frame = grabber.grabImage()) != null; i++) {
                if (keep.test(i)) {
                    BufferedImage shared = converter.convert(frame);
                    BufferedImage copy = new BufferedImage(shared.getWidth(), shared.getHeight(), BufferedImage.TYPE_INT_RGB);
                    Graphics2D g = copy.createGraphics();
                    g.drawImage(shared, 0, 0, null);
                    g.dispose();
                    kept.put(i, copy);
                }
            }
            grabber.stop();
        }
        return kept;
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

    /** The files in {@code directory}. */
    static List<Path> listing(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.toList();
        }
    }

    /** The first video stream's colour tags as FFmpeg names them: primaries/transfer/matrix/range. */
    static String colourTags(Path video) {
        AVFormatContext context = new AVFormatContext(null);
        if (avformat_open_input(context, video.toString(), null, null) < 0) {
            throw new IllegalArgumentException("cannot open " + video);
        }
        try {
            avformat_find_stream_info(context, (PointerPointer<?>) null);
            for (int i = 0; i < context.nb_streams(); i++) {
                AVCodecParameters p = context.streams(i).codecpar();
                if (p.codec_type() == AVMEDIA_TYPE_VIDEO) {
                    return av_color_primaries_name(p.color_primaries()).getString() + "/"
                            + av_color_transfer_name(p.color_trc()).getString() + "/"
                            + av_color_space_name(p.color_space()).getString() + "/"
                            + av_color_range_name(p.color_range()).getString();
                }
            }
            throw new IllegalArgumentException(video + " has no video");
        } finally {
            avformat_close_input(context);
        }
    }

    /**
     * What an animated WebP's RIFF chunks say: canvas size, loop count, number of frames and their total duration
     * (the encoder merges frames that do not change visibly, so the count can be lower than what was given to it).
     */
    record AnimatedWebp(int width, int height, int loops, int frames, int milliseconds) {}

    static AnimatedWebp animatedWebp(Path file) throws IOException {
        ByteBuffer data = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        if (data.getInt(0) != 0x46464952 || data.getInt(8) != 0x50424557) {
            throw new IllegalArgumentException(file + " is not a WebP file");
        }
        int width = 0;
        int height = 0;
        int loops = -1;
        int frames = 0;
        int milliseconds = 0;
        int position = 12;
        while (position + 8 <= data.limit()) {
            String type = new String(new byte[] {data.get(position), data.get(position + 1), data.get(position + 2),
                    data.get(position + 3)}, StandardCharsets.US_ASCII);
            int size = data.getInt(position + 4);
            int body = position + 8;
            switch (type) {
                case "VP8X" -> {
                    width = 1 + ((data.get(body + 4) & 0xff) | (data.get(body + 5) & 0xff) << 8
                            | (data.get(body + 6) & 0xff) << 16);
                    height = 1 + ((data.get(body + 7) & 0xff) | (data.get(body + 8) & 0xff) << 8
                            | (data.get(body + 9) & 0xff) << 16);
                }
                case "ANIM" -> loops = data.getShort(body + 4) & 0xffff;
                case "ANMF" -> {
                    frames++;
                    milliseconds += (data.get(body + 12) & 0xff) | (data.get(body + 13) & 0xff) << 8
                            | (data.get(body + 14) & 0xff) << 16;
                }
                default -> {
                }
            }
            position = body + size + (size & 1);
        }
        return new AnimatedWebp(width, height, loops, frames, milliseconds);
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
