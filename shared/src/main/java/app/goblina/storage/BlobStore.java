package app.goblina.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Object storage for images, clips and renders: S3, Cloudflare R2 and MinIO through {@code S3BlobStore}, a
 * folder through {@code LocalDiskBlobStore}. Keys are relative paths such as
 * {@code tenants/<id>/characters/<id>/original.png}: segments of {@code [A-Za-z0-9._-]}, separated by {@code /}.
 *
 * <p>All methods block and are safe to call from several threads. A put is atomic: readers see either the old
 * object, or the whole new one, never a part. Putting the same key twice replaces the object, so a stage that runs
 * twice leaves one object. Failures of the store itself surface as {@link UncheckedIOException}; a bad key as
 * {@link IllegalArgumentException} (see {@link BlobKeys#requireValid(String)}), before anything is touched. Arguments
 * must not be null unless a method says otherwise.
 *
 * <p>{@code BlobStoreFactory} provides the application's store from {@link StorageConfig}.
 */
public interface BlobStore {

    /** Stores the bytes under {@code key}, replacing what was there. */
    void put(String key, byte[] bytes, String contentType);

    /** Streams the file under {@code key} without holding it in memory, replacing what was there. */
    void put(String key, Path file, String contentType);

    /** Opens the object for reading; the caller closes the stream. Empty when there is no such object. */
    Optional<InputStream> open(String key);

    /**
     * Copies the object to {@code target} (created or replaced, atomically) without holding it in memory.
     *
     * @throws java.nio.file.NoSuchFileException when there is no such object; {@code target} is then left alone
     * @throws IOException when the target cannot be written
     */
    void download(String key, Path target) throws IOException;

    /** Size and type of the object, empty when there is none. */
    Optional<BlobInfo> stat(String key);

    default boolean exists(String key) {
        return stat(key).isPresent();
    }

    /** Removes the object; removing a missing key is not an error. */
    void delete(String key);

    /**
     * A time-limited URL a client can GET the object from directly, when the store can sign one (S3 and R2 can,
     * a local folder cannot). The API redirects to it; otherwise it streams the bytes itself. Signing sends no
     * request, so the URL is returned even for a missing object (a GET of it then fails).
     *
     * @param validFor how long the URL works; null means the configured default ({@code goblina.storage.presign-ttl})
     */
    Optional<URI> presignedGet(String key, Duration validFor);

    /** What {@link #stat(String)} tells about an object. */
    record BlobInfo(String key, long size, String contentType) {
    }
}
