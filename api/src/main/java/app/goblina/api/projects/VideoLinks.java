package app.goblina.api.projects;

import app.goblina.storage.BlobStore;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * Presigned download links for finished videos, when the store can sign them (S3, R2): clients then download
 * from storage directly and the API streams nothing.
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
}
