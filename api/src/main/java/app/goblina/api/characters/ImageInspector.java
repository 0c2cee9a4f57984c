package app.goblina.api.characters;

import app.goblina.api.problems.ApiException;
import app.goblina.domain.FieldError;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.FileImageInputStream;
import javax.imageio.stream.ImageInputStream;

/**
 * Decides whether uploaded bytes are a PNG, JPEG or WebP image, by their content, never by the declared type.
 * Order matters: the byte cap first, then the format from the file's signature, then the pixel count from the
 * header alone, and only then a full decode (subsampled, so it costs little memory) to catch truncated or
 * corrupt files. ImageIO reads PNG and JPEG; TwelveMonkeys' plugin adds WebP.
 */
@Singleton
public class ImageInspector {

    private static final Map<String, String[]> FORMATS = Map.of(
            "png", new String[] {"image/png", "png"},
            "jpeg", new String[] {"image/jpeg", "jpg"},
            "webp", new String[] {"image/webp", "webp"});
    /** Decoding every 8th pixel in each direction still reads the whole compressed stream. */
    private static final int VERIFY_SUBSAMPLING = 8;

    private final ImageLimits limits;

    public ImageInspector(ImageLimits limits) {
        this.limits = limits;
        ImageIO.setUseCache(false);
    }

    /**
     * Throws {@link ApiException} naming the {@code image} field when the file is not an acceptable image. The file
     * is read from disk as the checks need it, never whole into memory.
     */
    public InspectedImage inspect(Path file) {
        long size = sizeOf(file);
        if (size == 0) {
            throw ApiException.invalid("image", "is empty");
        }
        if (size > limits.maxBytes()) {
            throw new ApiException(HttpStatus.REQUEST_ENTITY_TOO_LARGE, "Upload too large",
                    List.of(new FieldError("image", "is " + size + " bytes; the limit is " + limits.maxBytes())));
        }
        try (ImageInputStream input = new FileImageInputStream(file.toFile())) {
            ImageReader reader = readerFor(input);
            try {
                reader.setInput(input, true, true);
                String format = reader.getFormatName().toLowerCase(Locale.ROOT);
                String[] type = FORMATS.get(format);
                if (type == null) {
                    throw unsupported();
                }
                ContainerChecks.check(format, file, size);
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                long maxPixels = limits.effectiveMaxPixels(format);
                if ((long) width * height > maxPixels) {
                    throw ApiException.invalid("image", width + "x" + height + " pixels is more than the limit of "
                            + maxPixels + " pixels" + ("webp".equals(format) ? " for a WebP image" : ""));
                }
                verifyDecodes(reader);
                return new InspectedImage(type[0], type[1], width, height, sha256(file));
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof ApiException api) {
                throw api;
            }
            throw ApiException.invalid("image", "is truncated or corrupt and cannot be decoded");
        }
    }

    private static ImageReader readerFor(ImageInputStream input) {
        Iterator<ImageReader> readers = ImageIO.getImageReaders(input);
        while (readers.hasNext()) {
            ImageReader reader = readers.next();
            try {
                if (FORMATS.containsKey(reader.getFormatName().toLowerCase(Locale.ROOT))) {
                    return reader;
                }
            } catch (IOException e) {
                reader.dispose();
            }
            reader.dispose();
        }
        throw unsupported();
    }

    private static void verifyDecodes(ImageReader reader) throws IOException {
        ImageReadParam param = reader.getDefaultReadParam();
        param.setSourceSubsampling(VERIFY_SUBSAMPLING, VERIFY_SUBSAMPLING, 0, 0);
        reader.read(0, param);
    }

    private static ApiException unsupported() {
        return new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported image",
                List.of(new FieldError("image", "is not a PNG, JPEG or WebP image (judged by its content)")));
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException("the received upload " + file + " is gone", e);
        }
    }

    private static String sha256(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
