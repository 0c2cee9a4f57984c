package app.goblina.api.characters;

/** An upload recognised as an image by its content, with its size in pixels. */
public record InspectedImage(String mediaType, String extension, int width, int height, String sha256) {
}
