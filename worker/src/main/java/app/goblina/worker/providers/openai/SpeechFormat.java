package app.goblina.worker.providers.openai;

import java.util.Locale;

/** The audio formats OpenAI's speech endpoint writes, with the media type we record for each. */
enum SpeechFormat {
    MP3("audio/mpeg"),
    // OpenAI's opus comes in an Ogg container
    OPUS("audio/ogg"),
    AAC("audio/aac"),
    FLAC("audio/flac"),
    WAV("audio/wav"),
    // raw 16-bit little-endian mono samples at 24 kHz, no header
    PCM("audio/pcm");

    private final String mediaType;

    SpeechFormat(String mediaType) {
        this.mediaType = mediaType;
    }

    String mediaType() {
        return mediaType;
    }

    String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The format named in configuration, already validated to be one of these. */
    static SpeechFormat of(String wireName) {
        return valueOf(wireName.toUpperCase(Locale.ROOT));
    }
}
