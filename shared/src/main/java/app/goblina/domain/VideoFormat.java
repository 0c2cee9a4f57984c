package app.goblina.domain;

import java.util.Arrays;
import java.util.Optional;

/** The output frame sizes a project can ask for; vertical 1080x1920 is the default. */
public enum VideoFormat {
    VERTICAL_1080(1080, 1920),
    VERTICAL_720(720, 1280),
    LANDSCAPE_1080(1920, 1080),
    SQUARE_1080(1080, 1080);

    public static final int FPS = 30;

    private final int width;
    private final int height;

    VideoFormat(int width, int height) {
        this.width = width;
        this.height = height;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** The wire form, e.g. {@code 1080x1920}. */
    public String wireName() {
        return width + "x" + height;
    }

    public static Optional<VideoFormat> fromWire(String value) {
        return Arrays.stream(values()).filter(f -> f.wireName().equals(value)).findFirst();
    }

    public static String allowedValues() {
        return String.join(", ", Arrays.stream(values()).map(VideoFormat::wireName).toList());
    }
}
