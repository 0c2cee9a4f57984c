package app.goblina.api.projects;

import app.goblina.storage.BlobStore;
import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.server.types.files.StreamedFile;
import jakarta.inject.Singleton;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Downloads of stored media (shorts, thumbnails, scene clips): a {@code 307} to a presigned link when the store can
 * sign one (S3, R2), so clients download from storage directly and the API streams nothing; the bytes otherwise.
 */
@Singleton
public class VideoLinks {

    private final BlobStore blobs;
    private final Duration validFor;

    public VideoLinks(BlobStore blobs, @Value("${goblina.storage.presign-ttl:15m}") Duration validFor) {
        this.blobs = blobs;
        this.validFor = validFor;
    }

    public Optional<URI> presigned(String key) {
        return blobs.presignedGet(key, validFor);
    }

    /** Where a client gets {@code key}: its presigned link when the store signs one, else the API path {@code apiPath}. */
    public MediaLink link(String key, String apiPath) {
        Instant signedAt = Instant.now();
        return presigned(key)
                .map(uri -> new MediaLink(uri.toString(), true, signedAt.plus(validFor)))
                .orElseGet(() -> new MediaLink(apiPath, false, null));
    }

    /** The answer that hands {@code key}'s bytes to the client, as {@code type}. */
    public HttpResponse<?> download(String key, String type) {
        return presigned(key)
                .<HttpResponse<?>>map(HttpResponse::temporaryRedirect)
                .orElseGet(() -> {
                    InputStream stream = blobs.open(key).orElseThrow(() -> new IllegalStateException("Stored file missing: " + key));
                    return HttpResponse.ok(new StreamedFile(stream, MediaType.of(type)));
                });
    }
}
