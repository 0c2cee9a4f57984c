package app.goblina.api.characters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A character upload as it was received: the {@code name} field and the image part, written to a temporary file
 * that closing deletes.
 *
 * @param name  the {@code name} field, or null when the form had none
 * @param image the image part's bytes on disk, or null when the form had no {@code image} part
 */
public record ReceivedUpload(String name, Path image) implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ReceivedUpload.class);

    @Override
    public void close() {
        delete(image);
    }

    /**
     * Deletes a received image file, if there is one. A file that cannot be deleted is logged, not thrown: the
     * answer to the upload is already decided, and the system's temporary folder is cleaned by the system.
     */
    static void delete(Path image) {
        if (image == null) {
            return;
        }
        try {
            Files.deleteIfExists(image);
        } catch (IOException e) {
            LOG.warn("could not delete the received upload {}: {}", image, e.toString());
        }
    }
}
