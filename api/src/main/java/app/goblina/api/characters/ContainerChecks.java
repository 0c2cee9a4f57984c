package app.goblina.api.characters;

import app.goblina.api.problems.ApiException;
import app.goblina.domain.FieldError;
import io.micronaut.http.HttpStatus;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
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

    private ContainerChecks() {
    }

    static void check(String format, byte[] bytes) {
        if ("png".equals(format)) {
            pngCrcs(bytes);
        } else if ("webp".equals(format)) {
            stillWebp(bytes);
        }
    }

    private static void pngCrcs(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.BIG_ENDIAN);
        buffer.position(PNG_SIGNATURE.length);
        CRC32 crc = new CRC32();
        while (buffer.remaining() >= 12) {
            long length = Integer.toUnsignedLong(buffer.getInt());
            if (length > buffer.remaining() - 8) {
                throw ApiException.invalid("image", "is truncated or corrupt: a PNG chunk runs past the end of the file");
            }
            int start = buffer.position();
            crc.reset();
            crc.update(bytes, start, (int) length + 4);
            buffer.position(start + 4 + (int) length);
            long stored = Integer.toUnsignedLong(buffer.getInt());
            if (stored != crc.getValue()) {
                String type = new String(bytes, start, 4, StandardCharsets.US_ASCII);
                throw ApiException.invalid("image", "is corrupt: the CRC of its PNG chunk " + printable(type) + " is wrong");
            }
            if (bytes[start] == 'I' && bytes[start + 1] == 'E' && bytes[start + 2] == 'N' && bytes[start + 3] == 'D') {
                return;
            }
        }
        throw ApiException.invalid("image", "is truncated or corrupt: the PNG has no end chunk");
    }

    /** RIFF....WEBPVP8X: the extended header's flags say whether the file is animated. */
    private static void stillWebp(byte[] bytes) {
        if (bytes.length >= 21 && bytes[12] == 'V' && bytes[13] == 'P' && bytes[14] == '8' && bytes[15] == 'X'
                && (bytes[20] & WEBP_ANIMATION_FLAG) != 0) {
            throw new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported image", List.of(new FieldError("image",
                    "is an animated WebP; upload a still PNG, JPEG or WebP image")));
        }
    }

    private static String printable(String type) {
        return type.chars().allMatch(c -> c >= 'A' && c <= 'z') ? type : "?";
    }
}
