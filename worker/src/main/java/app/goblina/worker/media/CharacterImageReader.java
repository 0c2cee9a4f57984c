package app.goblina.worker.media;

import app.goblina.failures.PermanentFailure;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import javax.imageio.IIOException;
import javax.imageio.ImageIO;
import javax.imageio.stream.ImageInputStream;

/**
 * Decodes a character image (PNG, JPEG, or WebP through the TwelveMonkeys plugin) with javax.imageio, within the
 * bounds of {@link BoundedImageDecode}: a larger image is decoded subsampled, an absurd one refused from its header.
 */
final class CharacterImageReader {

    /** A clip pans over at most a 1080×1920 frame: 8 MP leaves room to zoom in twice without visible loss. */
    static final long MAX_DECODED_PIXELS = 8_000_000L;

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
            return BoundedImageDecode.read(input, MAX_DECODED_PIXELS);
        } catch (PermanentFailure refused) {
            throw new PermanentFailure(file.getFileName() + ": " + refused.reason(), refused);
        } catch (IIOException | IndexOutOfBoundsException e) {
            // ImageIO's way of saying the bytes are not a valid image of the format it guessed.
            throw new PermanentFailure("The character image " + file.getFileName() + " could not be decoded", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
