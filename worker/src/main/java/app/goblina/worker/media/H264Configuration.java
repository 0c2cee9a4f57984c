package app.goblina.worker.media;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_NONE;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV422P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV444P;

import java.util.Arrays;
import java.util.Set;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;

/**
 * Reads the pixel format of an H.264 stream from its sequence parameter set (in the {@code avcC} configuration of
 * MP4, or an Annex B start-code stream), so a clip can be checked for the fast path without decoding a picture.
 */
final class H264Configuration {

    /** Profiles whose SPS carries chroma format and bit depth (H.264 7.3.2.1.1); the others are 8-bit 4:2:0. */
    private static final Set<Integer> HIGH_PROFILES = Set.of(100, 110, 122, 244, 44, 83, 86, 118, 128, 138, 139, 134,
            135);

    private H264Configuration() {}

    /** The 8-bit pixel format the stream decodes to, or {@code AV_PIX_FMT_NONE} when unknown or deeper than 8 bits. */
    static int pixelFormat(AVCodecParameters parameters) {
        int size = parameters.extradata_size();
        if (size <= 0) {
            return AV_PIX_FMT_NONE;
        }
        byte[] config = new byte[size];
        parameters.extradata().get(config);
        try {
            byte[] sps = firstSps(config);
            return sps == null ? AV_PIX_FMT_NONE : pixelFormat(unescape(sps));
        } catch (IndexOutOfBoundsException truncated) {
            return AV_PIX_FMT_NONE;
        }
    }

    /** The first SPS NAL unit (header byte included), or null. */
    private static byte[] firstSps(byte[] config) {
        if (config.length > 6 && config[0] == 1) {
            // avcC: version, profile, compatibility, level, length size, then the SPS count and each SPS with a
            // 16-bit length.
            int count = config[5] & 0x1f;
            if (count == 0) {
                return null;
            }
            int length = ((config[6] & 0xff) << 8) | (config[7] & 0xff);
            byte[] sps = new byte[length];
            System.arraycopy(config, 8, sps, 0, length);
            return sps;
        }
        // Annex B: NAL units after 00 00 01 start codes; SPS is type 7.
        for (int i = 0; i + 3 < config.length; i++) {
            if (config[i] == 0 && config[i + 1] == 0 && config[i + 2] == 1 && (config[i + 3] & 0x1f) == 7) {
                int end = i + 3;
                while (end + 2 < config.length && !(config[end] == 0 && config[end + 1] == 0
                        && (config[end + 2] == 1 || config[end + 2] == 0))) {
                    end++;
                }
                if (end + 2 >= config.length) {
                    end = config.length;
                }
                byte[] sps = new byte[end - (i + 3)];
                System.arraycopy(config, i + 3, sps, 0, sps.length);
                return sps;
            }
        }
        return null;
    }

    /** Removes emulation-prevention bytes (00 00 03 becomes 00 00). */
    private static byte[] unescape(byte[] nal) {
        byte[] out = new byte[nal.length];
        int length = 0;
        int zeros = 0;
        for (byte b : nal) {
            if (zeros >= 2 && b == 3) {
                zeros = 0;
                continue;
            }
            out[length++] = b;
            zeros = b == 0 ? zeros + 1 : 0;
        }
        return Arrays.copyOf(out, length);
    }

    private static int pixelFormat(byte[] sps) {
        int profile = sps[1] & 0xff;
        if (!HIGH_PROFILES.contains(profile)) {
            return AV_PIX_FMT_YUV420P;
        }
        // Bits after the NAL header, profile_idc, constraint flags and level_idc.
        Bits bits = new Bits(sps, 4 * 8);
        bits.unsignedExpGolomb(); // seq_parameter_set_id
        int chroma = bits.unsignedExpGolomb();
        if (chroma == 3) {
            bits.bit(); // separate_colour_plane_flag
        }
        int lumaDepth = 8 + bits.unsignedExpGolomb();
        int chromaDepth = 8 + bits.unsignedExpGolomb();
        if (lumaDepth != 8 || chromaDepth != 8) {
            return AV_PIX_FMT_NONE;
        }
        return switch (chroma) {
            case 1 -> AV_PIX_FMT_YUV420P;
            case 2 -> AV_PIX_FMT_YUV422P;
            case 3 -> AV_PIX_FMT_YUV444P;
            default -> AV_PIX_FMT_NONE;
        };
    }

    /** A big-endian bit reader with H.264's unsigned Exp-Golomb codes. */
    private static final class Bits {
        private final byte[] data;
        private int position;

        Bits(byte[] data, int position) {
            this.data = data;
            this.position = position;
        }

        int bit() {
            int value = (data[position >> 3] >> (7 - (position & 7))) & 1;
            position++;
            return value;
        }

        int unsignedExpGolomb() {
            int zeros = 0;
            while (bit() == 0) {
                if (++zeros > 31) {
                    throw new IndexOutOfBoundsException("not an Exp-Golomb code");
                }
            }
            int value = 0;
            for (int i = 0; i < zeros; i++) {
                value = (value << 1) | bit();
            }
            return (1 << zeros) - 1 + value;
        }
    }
}
