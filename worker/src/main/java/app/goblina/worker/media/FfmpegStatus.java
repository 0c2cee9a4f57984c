package app.goblina.worker.media;

import static org.bytedeco.ffmpeg.global.avutil.av_strerror;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Turns the negative status codes FFmpeg's C functions return into readable text and exceptions. */
final class FfmpegStatus {

    /** {@code AVERROR(EAGAIN)} on Linux: "no output yet, feed more input" (or "drain output first"). */
    static final int AGAIN = -11;

    private FfmpegStatus() {}

    /** FFmpeg's own wording for {@code status}, e.g. "Invalid data found when processing input". */
    static String describe(int status) {
        byte[] buffer = new byte[256];
        av_strerror(status, buffer, buffer.length);
        int length = 0;
        while (length < buffer.length && buffer[length] != 0) {
            length++;
        }
        return new String(buffer, 0, length, StandardCharsets.UTF_8);
    }

    /**
     * Returns {@code status} when it is not negative.
     *
     * @throws UncheckedIOException naming {@code action} and FFmpeg's reason otherwise
     */
    static int check(int status, String action) {
        if (status < 0) {
            throw new UncheckedIOException(new IOException(action + " failed: " + describe(status)));
        }
        return status;
    }
}
