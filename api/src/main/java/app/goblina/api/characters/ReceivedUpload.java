package app.goblina.api.characters;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A character upload as it was received: the {@code name} field and the image part, written to a temporary file
 * that closing deletes.
 *
 * @param name  the {@code name} field, or null when the form had none
 * @param image the image part's bytes on disk, or null when the form had no {@code image} part
 */
public record ReceivedUpload(String name, Path image) implements AutoCloseable {

    @Override
    public void close() {
        if (image != null) {
            try {
                Files.deleteIfExists(image);
            } catch (IOException e) {
                throw new UncheckedIOException("could not delete the received upload " + image, e);
            }
        }
    }
}
