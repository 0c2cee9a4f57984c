package app.goblina.testkit.fakes.openai;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Real audio bytes for the fake speech endpoint, made in code: a 440 Hz tone as 16-bit mono PCM at 24 kHz (the
 * rate OpenAI's {@code pcm} format uses), wrapped in a WAV header for {@code wav}; and for {@code mp3} a run of
 * silent MPEG-1 Layer III frames (128 kbit/s, 44.1 kHz, mono), which any MP3 decoder plays as silence.
 */
public final class SpeechAudio {

    /** The sample rate of OpenAI's raw {@code pcm} output. */
    public static final int PCM_SAMPLE_RATE = 24_000;

    // MPEG-1 Layer III, no CRC; 128 kbit/s, 44.1 kHz, no padding; mono.
    private static final byte[] MP3_FRAME_HEADER = {(byte) 0xFF, (byte) 0xFB, (byte) 0x90, (byte) 0xC0};
    // 144 * bitrate / sample rate, rounded down when there is no padding
    private static final int MP3_FRAME_BYTES = 144 * 128_000 / 44_100;
    private static final double MP3_FRAME_MILLIS = 1152 * 1000.0 / 44_100;

    private SpeechAudio() {
    }

    /** A tone of {@code millis} as raw little-endian 16-bit mono samples at 24 kHz. */
    public static byte[] pcm(int millis) {
        int samples = PCM_SAMPLE_RATE * millis / 1000;
        ByteBuffer buffer = ByteBuffer.allocate(samples * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < samples; i++) {
            buffer.putShort((short) (Math.sin(2 * Math.PI * 440 * i / PCM_SAMPLE_RATE) * 8000));
        }
        return buffer.array();
    }

    /** The same tone as a WAV file (RIFF, PCM, 16-bit mono, 24 kHz). */
    public static byte[] wav(int millis) {
        byte[] pcm = pcm(millis);
        ByteBuffer header = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
        header.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + pcm.length)
                .put("WAVE".getBytes(StandardCharsets.US_ASCII))
                .put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16)
                .putShort((short) 1).putShort((short) 1).putInt(PCM_SAMPLE_RATE).putInt(PCM_SAMPLE_RATE * 2)
                .putShort((short) 2).putShort((short) 16)
                .put("data".getBytes(StandardCharsets.US_ASCII)).putInt(pcm.length);
        ByteArrayOutputStream out = new ByteArrayOutputStream(44 + pcm.length);
        out.writeBytes(header.array());
        out.writeBytes(pcm);
        return out.toByteArray();
    }

    /** About {@code millis} of silence as MP3 frames; zeroed side information means no audio data, i.e. silence. */
    public static byte[] mp3(int millis) {
        int frames = Math.max(1, (int) Math.ceil(millis / MP3_FRAME_MILLIS));
        ByteArrayOutputStream out = new ByteArrayOutputStream(frames * MP3_FRAME_BYTES);
        for (int i = 0; i < frames; i++) {
            byte[] frame = new byte[MP3_FRAME_BYTES];
            System.arraycopy(MP3_FRAME_HEADER, 0, frame, 0, MP3_FRAME_HEADER.length);
            out.writeBytes(frame);
        }
        return out.toByteArray();
    }
}
