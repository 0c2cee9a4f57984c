package app.goblina.api.characters;

import app.goblina.api.problems.ApiException;
import app.goblina.domain.FieldError;
import io.micronaut.http.HttpStatus;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.CRC32;

/**
 * Checks of the file's container that a decoder skips: every PNG chunk's CRC (ImageIO reads past a wrong one), and
 * that a WebP is a still image, not an animation (only its first frame would be seen, while the whole file is
 * paid for in storage and decode).
 */
final class ContainerChecks {

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    private static final int WEBP_ANIMATION_FLAG = 0x02;
    private static final int WEBP_HEADER = 21;
    private static final int READ_BUFFER = 64 * 1024;

    private ContainerChecks() {
    }

    static void check(String format, Path file, long size) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), READ_BUFFER)) {
            if ("png".equals(format)) {
                pngCrcs(new DataInputStream(in), size);
            } else if ("webp".equals(format)) {
                stillWebp(in.readNBytes(WEBP_HEADER));
            }
        }
    }

    /** Walks the chunks from the file, a buffer at a time: length, type, data, CRC of type and data. */
    private static void pngCrcs(DataInputStream in, long size) throws IOException {
        in.skipNBytes(PNG_SIGNATURE.length);
        long remaining = size - PNG_SIGNATURE.length;
        CRC32 crc = new CRC32();
        byte[] buffer = new byte[READ_BUFFER];
        while (remaining >= 12) {
            long length = Integer.toUnsignedLong(in.readInt());
            if (length > remaining - 12) {
                throw ApiException.invalid("image", "is truncated or corrupt: a PNG chunk runs past the end of the file");
            }
            byte[] type = in.readNBytes(4);
            crc.reset();
            crc.update(type);
            for (long left = length; left > 0; ) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (n < 0) {
                    throw new EOFException("the file ended inside a chunk");
                }
                crc.update(buffer, 0, n);
                left -= n;
            }
            long stored = Integer.toUnsignedLong(in.readInt());
            if (stored != crc.getValue()) {
                String name = new String(type, StandardCharsets.US_ASCII);
                throw ApiException.invalid("image", "is corrupt: the CRC of its PNG chunk " + printable(name) + " is wrong");
            }
            if (type[0] == 'I' && type[1] == 'E' && type[2] == 'N' && type[3] == 'D') {
                return;
            }
            remaining -= 12 + length;
        }
        throw ApiException.invalid("image", "is truncated or corrupt: the PNG has no end chunk");
    }

    /** RIFF....WEBPVP8X: the extended header's flags say whether the file is animated. */
    private static void stillWebp(byte[] header) {
        if (header.length >= WEBP_HEADER && header[12] == 'V' && header[13] == 'P' && header[14] == '8'
                && header[15] == 'X' && (header[20] & WEBP_ANIMATION_FLAG) != 0) {
            throw new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported image", List.of(new FieldError("image",
                    "is an animated WebP; upload a still PNG, JPEG or WebP image")));
        }
    }

    private static String printable(String type) {
        return type.chars().allMatch(c -> c >= 'A' && c <= 'z') ? type : "?";
    }
}
