package app.goblina.worker.media;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGR24;

import app.goblina.failures.PermanentFailure;
import java.awt.Color;
import java.awt.Font;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.IntFunction;
import java.util.regex.Pattern;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Java2DFrameConverter;

/**
 * A still character image as a short silent H.264 clip, without any network call: the media self-check's clip and
 * the one the local video generator made before it animated the character ({@link AnimatedClipRenderer}).
 * The character is fitted into the frame over a flat or gradient background from the palette and slowly zooms and
 * pans ("Ken Burns"); the caption is drawn near the bottom, inside the platform UI safe area.
 *
 * <p>Frames are painted with Java2D and encoded one at a time (libx264 {@code veryfast}, yuv420p, no audio
 * track), so memory stays at a couple of frames whatever the length. The clip is written next to the target and
 * moved into place when complete.
 *
 * <p>Blocking and CPU-bound (about two seconds for 4 s of 720x1280 on two cores). Thread-safe: each call uses its
 * own encoder.
 */
public final class ClipRenderer {

    /**
     * What {@link ClipRenderer} should make.
     *
     * @param width frame width in pixels, even (H.264 4:2:0 needs even sizes)
     * @param height frame height in pixels, even
     * @param fps frames per second, 1 to 120
     * @param seconds length; the clip has exactly {@code round(seconds * fps)} frames, at least one
     * @param palette colours as {@code #rrggbb}; the first is the background, a second one (when given) is the colour
     *     the background fades to at the bottom
     * @param caption text drawn near the bottom, or null / blank for none
     */
    public record ClipSpec(int width, int height, int fps, double seconds, List<String> palette, String caption) {

        private static final Pattern HEX_COLOUR = Pattern.compile("#[0-9a-fA-F]{6}");

        public ClipSpec {
            if (width < 16 || height < 16 || width % 2 != 0 || height % 2 != 0 || width > 4096 || height > 4096) {
                throw new IllegalArgumentException(
                        "frame size must be even and between 16 and 4096, was " + width + "x" + height);
            }
            if (fps < 1 || fps > 120) {
                throw new IllegalArgumentException("fps must be between 1 and 120, was " + fps);
            }
            if (!(seconds > 0) || seconds > 600) {
                throw new IllegalArgumentException("seconds must be more than 0 and at most 600, was " + seconds);
            }
            Objects.requireNonNull(palette, "palette");
            if (palette.isEmpty()) {
                throw new IllegalArgumentException("palette needs at least a background colour");
            }
            for (String colour : palette) {
                if (colour == null || !HEX_COLOUR.matcher(colour).matches()) {
                    throw new IllegalArgumentException("palette colours must look like #rrggbb, was " + colour);
                }
            }
            palette = List.copyOf(palette);
        }

        /** {@code round(seconds * fps)}, at least one. */
        public int frameCount() {
            return (int) Math.max(1, Math.round(seconds * fps));
        }

        Color background() {
            return Color.decode(palette.getFirst());
        }

        /** The colour at the bottom of the background: the second palette colour, or the background itself. */
        Color backgroundBottom() {
            return palette.size() > 1 ? Color.decode(palette.get(1)) : background();
        }
    }

    private final Path fontFile;

    /** Uses {@link CaptionFonts#DEFAULT_FONT_FILE} for captions. */
    public ClipRenderer() {
        this(CaptionFonts.DEFAULT_FONT_FILE);
    }

    public ClipRenderer(Path fontFile) {
        this.fontFile = Objects.requireNonNull(fontFile, "fontFile");
    }

    /**
     * Renders {@code spec} with {@code characterImage} (PNG, JPEG or WebP) into {@code target}, an MP4 with exactly
     * {@link ClipSpec#frameCount()} frames, replacing any existing file.
     *
     * @throws PermanentFailure when the character image cannot be decoded
     * @throws UncheckedIOException when a file cannot be read or written, the caption font is missing, or the
     *     encoder fails
     */
    public void render(ClipSpec spec, Path characterImage, Path target) {
        Objects.requireNonNull(spec, "spec");
        BufferedImage character = CharacterImageReader.read(characterImage);
        boolean captioned = spec.caption() != null && !spec.caption().isBlank();
        Font font = captioned
                ? CaptionFonts.load(fontFile, CaptionStyle.forFrame(spec.width(), spec.height()).fontSize())
                : null;

        Path directory = target.toAbsolutePath().getParent();
        try (StagedFile staged = StagedFile.create(directory, ".render-", ".mp4");
                ClipFramePainter painter = new ClipFramePainter(spec, character, font)) {
            encode(spec, painter::paint, staged.path(), H264Encoding.PRESET);
            staged.commitTo(target);
        }
    }

    /**
     * Encodes {@code spec.frameCount()} frames, each painted by {@code frames} as a BGR image, into {@code file} with
     * {@link H264Encoding}'s settings and libx264's {@code x264Preset}.
     */
    static void encode(ClipSpec spec, IntFunction<BufferedImage> frames, Path file, String x264Preset) {
        FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(file.toFile(), spec.width(), spec.height(), 0);
        H264Encoding.apply(recorder, spec.fps());
        recorder.setVideoOption("preset", x264Preset);
        try (Java2DFrameConverter converter = new Java2DFrameConverter()) {
            recorder.start();
            for (int index = 0; index < spec.frameCount(); index++) {
                recorder.record(converter.convert(frames.apply(index)), AV_PIX_FMT_BGR24);
            }
            recorder.stop();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not encode the clip " + file.getFileName(), e);
        } finally {
            release(recorder);
        }
    }

    private static void release(FFmpegFrameRecorder recorder) {
        try {
            recorder.release();
        } catch (IOException ignored) {
            // Releasing only frees native memory; a failure here cannot be acted on.
        }
    }
}
