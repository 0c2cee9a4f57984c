package app.goblina.analysis;

/**
 * A character's reference image as stored: the original bytes, their media type ({@code image/png},
 * {@code image/jpeg} or {@code image/webp}), pixel size and SHA-256 (hex), which keys caches of paid analyses.
 */
public record CharacterImage(byte[] bytes, String mediaType, int width, int height, String sha256) {
}
