package app.goblina.storage;

import app.goblina.storage.local.LocalDiskBlobStore;
import app.goblina.storage.s3.S3BlobStore;
import io.micronaut.context.annotation.Factory;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Provides the application's {@link BlobStore}, of the kind {@link StorageConfig#storeKind()} names. For S3 it makes sure
 * the bucket exists when the store is created, so a misconfigured bucket or key fails the start instead of the first
 * upload, and it closes the S3 client when the application context shuts down.
 */
@Factory
public class BlobStoreFactory {

    private static final Logger LOG = LoggerFactory.getLogger(BlobStoreFactory.class);

    private final AtomicReference<S3BlobStore> s3 = new AtomicReference<>();

    /**
     * @throws java.io.UncheckedIOException when kind is s3 and the bucket can be neither found nor created
     */
    @Singleton
    BlobStore blobStore(StorageConfig config) {
        LOG.info("Blob storage: {}", config);
        return switch (config.storeKind()) {
            case LOCAL -> new LocalDiskBlobStore(Path.of(config.localRoot()));
            case S3 -> {
                S3BlobStore store = new S3BlobStore(config);
                try {
                    store.ensureBucket();
                } catch (RuntimeException e) {
                    store.close();
                    throw e;
                }
                s3.set(store);
                yield store;
            }
        };
    }

    @PreDestroy
    void closeS3Client() {
        S3BlobStore store = s3.getAndSet(null);
        if (store != null) {
            store.close();
        }
    }
}
