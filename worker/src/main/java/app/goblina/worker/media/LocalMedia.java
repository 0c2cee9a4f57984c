package app.goblina.worker.media;

import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;

import app.goblina.failures.PermanentFailure;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.javacpp.PointerPointer;

/**
 * The only way this package opens media with FFmpeg: local regular files, nothing else.
 *
 * <p>FFmpeg treats a name like {@code http://...}, {@code concat:a|b}, {@code pipe:0} or {@code tcp:...} as a
 * protocol, and playlists (HLS, DASH, ffconcat) can make it open further URLs by themselves. So every input is
 * refused when its name has a URL scheme, passed to FFmpeg as an explicit {@code file:} URL of its absolute path,
 * and opened with {@code protocol_whitelist=file}, which nested opens inherit: no network access can start from a
 * clip, a narration or a music track, whatever its name or contents.
 */
final class LocalMedia {

    /** A URL scheme as FFmpeg recognises protocols: letters, digits, {@code + . -}, then a colon. */
    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.\\-]*:");

    private LocalMedia() {}

    /**
     * The FFmpeg URL of {@code file}.
     *
     * @throws PermanentFailure when the name looks like a URL rather than a file path
     * @throws UncheckedIOException (a {@link NoSuchFileException}) when it is not an existing regular file
     */
    static String url(Path file) {
        if (SCHEME.matcher(file.toString()).find()) {
            throw new PermanentFailure(file + " is not a local file; only local files are accepted");
        }
        if (!Files.isRegularFile(file)) {
            throw new UncheckedIOException(new NoSuchFileException(file.toString()));
        }
        return "file:" + file.toAbsolutePath();
    }

    /**
     * Opens {@code file} and reads its stream headers. The caller closes the context with
     * {@code avformat_close_input}.
     *
     * @throws PermanentFailure when the name is a URL, or the file is not media FFmpeg can read
     * @throws UncheckedIOException when the file does not exist
     */
    static AVFormatContext open(Path file) {
        AVFormatContext context = openHeaders(file);
        int status = avformat_find_stream_info(context, (PointerPointer<?>) null);
        if (status < 0) {
            avformat_close_input(context);
            throw new PermanentFailure(file.getFileName() + " has no readable streams ("
                    + FfmpegStatus.describe(status) + ")");
        }
        return context;
    }

    /**
     * Opens {@code file} and reads its stream headers without decoding any picture: codec parameters come from the
     * container and the codecs' parsers. Several times cheaper than {@link #open(Path)} for HD video; the pixel
     * format of a video stream may stay unknown.
     *
     * @throws PermanentFailure when the name is a URL, or the file is not media FFmpeg can read
     * @throws UncheckedIOException when the file does not exist
     */
    static AVFormatContext openWithoutDecoding(Path file) {
        AVFormatContext context = openHeaders(file);
        int streams = context.nb_streams();
        PointerPointer<AVDictionary> options = new PointerPointer<>(Math.max(1, streams));
        AVDictionary[] dictionaries = new AVDictionary[streams];
        for (int i = 0; i < streams; i++) {
            dictionaries[i] = new AVDictionary(null);
            av_dict_set(dictionaries[i], "skip_frame", "all", 0);
            options.put(i, dictionaries[i]);
        }
        int status;
        try {
            status = avformat_find_stream_info(context, streams == 0 ? null : options);
        } finally {
            for (int i = 0; i < streams; i++) {
                av_dict_free(new AVDictionary(options.get(i)));
            }
            options.close();
        }
        if (status < 0) {
            avformat_close_input(context);
            throw new PermanentFailure(file.getFileName() + " has no readable streams ("
                    + FfmpegStatus.describe(status) + ")");
        }
        return context;
    }

    /**
     * Opens {@code file} and reads only its container header: enough to copy its packets, much cheaper than
     * {@link #open(Path)} (which may decode a few frames to fill in stream details).
     *
     * @throws PermanentFailure when the name is a URL, or the file is not media FFmpeg can read
     * @throws UncheckedIOException when the file does not exist
     */
    static AVFormatContext openHeaders(Path file) {
        String url = url(file);
        AVFormatContext context = new AVFormatContext(null);
        AVDictionary options = new AVDictionary(null);
        av_dict_set(options, "protocol_whitelist", "file", 0);
        int status;
        try {
            status = avformat_open_input(context, url, null, options);
        } finally {
            av_dict_free(options);
        }
        if (status < 0) {
            throw new PermanentFailure(file.getFileName() + " is not a readable media file ("
                    + FfmpegStatus.describe(status) + ")");
        }
        return context;
    }
}
