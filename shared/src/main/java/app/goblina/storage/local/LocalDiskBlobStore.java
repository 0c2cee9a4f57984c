package app.goblina.storage.local;

import app.goblina.storage.BlobKeys;
import app.goblina.storage.BlobStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link BlobStore} in a folder, for development and single-machine installs.
 *
 * <p>Layout: the bytes of key {@code k} are in {@code <root>/objects/k}, and the content type given when it was put
 * in a small text file {@code <root>/content-types/k}. Two separate trees, rather than a sidecar next to each file, so
 * that no valid key can land on another key's sidecar. An object without a content-type file (copied in by hand) gets
 * a type guessed from its extension, else {@code application/octet-stream}.
 *
 * <p>Every write goes to a temporary file in the destination's folder and is then renamed over the destination, which
 * on one filesystem is atomic: readers see the old file or the new one, never a part. The bytes and the content type
 * are two such renames, so a reader racing a put that changes the type may briefly see the new bytes with the old
 * type. Since a key is a path, a key cannot be both an object and the folder of another ({@code a} and {@code a/b}):
 * putting the second fails with {@link UncheckedIOException}.
 *
 * <p>Thread-safe; every method blocks on the disk. Arguments must not be null. Presigned URLs are not supported.
 */
public final class LocalDiskBlobStore implements BlobStore {

    private static final String FALLBACK_CONTENT_TYPE = "application/octet-stream";

    private final Path objects;
    private final Path contentTypes;

    /** A store under {@code root}; folders are created on the first put, so nothing is touched until then. */
    public LocalDiskBlobStore(Path root) {
        Path absolute = root.toAbsolutePath().normalize();
        this.objects = absolute.resolve("objects");
        this.contentTypes = absolute.resolve("content-types");
    }

    @Override
    public void put(String key, byte[] bytes, String contentType) {
        Objects.requireNonNull(bytes, "bytes");
        Objects.requireNonNull(contentType, "contentType");
        Path target = object(key);
        try {
            replaceAtomically(target, temp -> Files.write(temp, bytes));
            writeContentType(key, contentType);
        } catch (IOException e) {
            throw failure("put", key, e);
        }
    }

    @Override
    public void put(String key, Path file, String contentType) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(contentType, "contentType");
        Path target = object(key);
        try {
            replaceAtomically(target, temp -> Files.copy(file, temp, StandardCopyOption.REPLACE_EXISTING));
            writeContentType(key, contentType);
        } catch (IOException e) {
            throw failure("put", key, e);
        }
    }

    @Override
    public Optional<InputStream> open(String key) {
        Path path = object(key);
        try {
            if (!Files.isRegularFile(path)) {
                return Optional.empty();
            }
            return Optional.of(Files.newInputStream(path));
        } catch (NoSuchFileException e) {
            return Optional.empty(); // deleted between the check and the open
        } catch (IOException e) {
            throw failure("open", key, e);
        }
    }

    @Override
    public void download(String key, Path target) throws IOException {
        Path source = object(key);
        if (!Files.isRegularFile(source)) {
            throw new NoSuchFileException(key, null, "no such blob");
        }
        replaceAtomically(target.toAbsolutePath(),
                temp -> Files.copy(source, temp, StandardCopyOption.REPLACE_EXISTING));
    }

    @Override
    public Optional<BlobInfo> stat(String key) {
        Path path = object(key);
        try {
            BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
            if (!attributes.isRegularFile()) {
                return Optional.empty();
            }
            return Optional.of(new BlobInfo(key, attributes.size(), readContentType(key)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw failure("stat", key, e);
        }
    }

    @Override
    public void delete(String key) {
        Path path = object(key);
        try {
            Files.deleteIfExists(path);
            Files.deleteIfExists(contentTypes.resolve(key));
        } catch (IOException e) {
            throw failure("delete", key, e);
        }
    }

    /** Always empty: a folder cannot sign URLs, so the API streams the bytes itself. */
    @Override
    public Optional<URI> presignedGet(String key, Duration validFor) {
        BlobKeys.requireValid(key);
        return Optional.empty();
    }

    private Path object(String key) {
        return objects.resolve(BlobKeys.requireValid(key));
    }

    private void writeContentType(String key, String contentType) throws IOException {
        byte[] bytes = contentType.getBytes(StandardCharsets.UTF_8);
        replaceAtomically(contentTypes.resolve(key), temp -> Files.write(temp, bytes));
    }

    private String readContentType(String key) throws IOException {
        try {
            return Files.readString(contentTypes.resolve(key), StandardCharsets.UTF_8).strip();
        } catch (NoSuchFileException e) {
            return Optional.ofNullable(URLConnection.guessContentTypeFromName(key)).orElse(FALLBACK_CONTENT_TYPE);
        }
    }

    /** Fills a temporary file next to {@code target}, then renames it over {@code target}. */
    private static void replaceAtomically(Path target, FileWriter writer) throws IOException {
        Path folder = target.getParent();
        Files.createDirectories(folder);
        Path temp = Files.createTempFile(folder, "." + target.getFileName() + ".", ".part");
        try {
            writer.write(temp);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static UncheckedIOException failure(String action, String key, IOException e) {
        return new UncheckedIOException("Local blob store: " + action + " of '" + key + "' failed: " + e, e);
    }

    /** Writes the new content into a temporary file. */
    @FunctionalInterface
    private interface FileWriter {
        void write(Path temp) throws IOException;
    }
}
