package app.goblina.worker.media;

import app.goblina.failures.PermanentFailure;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.IIOException;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Decodes a character image (PNG, JPEG, or WebP through the TwelveMonkeys plugin) with javax.imageio, refusing
 * images so large that decoding them would exhaust the heap.
 */
final class CharacterImageReader {

    /** 64 megapixels: far above any sensible upload, far below what would hurt the worker's heap. */
    static final long MAX_PIXELS = 64L * 1024 * 1024;

    private CharacterImageReader() {}

    /**
     * @throws PermanentFailure when the file is not an image ImageIO can decode, or is absurdly large
     * @throws UncheckedIOException when the file is missing or cannot be read
     */
    static BufferedImage read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new UncheckedIOException(new NoSuchFileException(file.toString()));
        }
        try (ImageInputStream input = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = input == null ? null : ImageIO.getImageReaders(input);
            if (readers == null || !readers.hasNext()) {
                throw new PermanentFailure("The character image " + file.getFileName()
                        + " is not a PNG, JPEG or WebP image");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(input, true, true);
                long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
                if (pixels <= 0 || pixels > MAX_PIXELS) {
                    throw new PermanentFailure("The character image " + file.getFileName() + " is "
                            + reader.getWidth(0) + "x" + reader.getHeight(0) + " pixels, too large to use");
                }
                return reader.read(0);
            } finally {
                reader.dispose();
            }
        } catch (IIOException | IndexOutOfBoundsException e) {
            // ImageIO's way of saying the bytes are not a valid image of the format it guessed.
            throw new PermanentFailure("The character image " + file.getFileName() + " could not be decoded", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
