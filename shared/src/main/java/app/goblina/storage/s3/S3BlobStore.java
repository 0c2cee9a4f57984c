package app.goblina.storage.s3;

import app.goblina.storage.BlobKeys;
import app.goblina.storage.BlobStore;
import app.goblina.storage.StorageConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * A {@link BlobStore} in one S3-compatible bucket (AWS S3, Cloudflare R2, MinIO), through the AWS SDK v2's synchronous
 * client.
 *
 * <p>Puts are single PUT requests, atomic on S3's side; a file is streamed from disk, never read into memory, up to
 * S3's 5 GB limit for one PUT. {@link #open(String)} streams the body; {@link #download(String, Path)} streams it to a
 * temporary file next to the target and renames it into place.
 *
 * <p>Thread-safe; every method blocks on the network. Arguments must not be null. Failures of the SDK or the server
 * become {@link UncheckedIOException} naming the operation, bucket and key; a bad key is refused with
 * {@link IllegalArgumentException} before any request. Nothing is created implicitly except by {@link #ensureBucket()}.
 * {@link #close()} releases the HTTP connections.
 */
public final class S3BlobStore implements BlobStore, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(S3BlobStore.class);
    private static final String AUTO_REGION = "auto";

    private final S3Client s3;
    private final S3Presigner presigner;
    private final String bucket;
    private final Duration defaultPresignTtl;

    /** Builds the clients from {@code config}; sends no request. */
    public S3BlobStore(StorageConfig config) {
        AwsCredentialsProvider credentials = credentials(config);
        Optional<Region> region = region(config);

        S3ClientBuilder client = S3Client.builder()
                .httpClientBuilder(Apache5HttpClient.builder())
                .credentialsProvider(credentials)
                .forcePathStyle(config.pathStyle());
        region.ifPresent(client::region);
        config.endpointOverride().ifPresent(endpoint -> client.endpointOverride(endpoint)
                // Newer SDKs send CRC checksums (in trailers) on every upload, which not every S3-compatible server
                // accepts; outside AWS only send them where the operation requires one.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED));

        S3Presigner.Builder signer = S3Presigner.builder()
                .credentialsProvider(credentials)
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(config.pathStyle()).build());
        region.ifPresent(signer::region);
        config.presignEndpointOverride().ifPresent(signer::endpointOverride);

        this.s3 = client.build();
        this.presigner = signer.build();
        this.bucket = config.bucket();
        this.defaultPresignTtl = config.presignTtl();
    }

    /**
     * Creates the bucket when it does not exist yet; does nothing when it does. Called at startup, so that a new
     * installation works without a manual step.
     *
     * @throws UncheckedIOException when the bucket can be neither found nor created, e.g. for lack of permission
     */
    public void ensureBucket() {
        try {
            s3.headBucket(request -> request.bucket(bucket));
            return;
        } catch (NoSuchBucketException e) {
            // Created below.
        } catch (S3Exception e) {
            if (e.statusCode() != 404) {
                throw failure("check", "", e);
            }
        } catch (SdkException e) {
            throw failure("check", "", e);
        }
        try {
            s3.createBucket(request -> request.bucket(bucket));
            LOG.info("Created S3 bucket {}", bucket);
        } catch (BucketAlreadyOwnedByYouException e) {
            // Another instance created it meanwhile.
        } catch (SdkException e) {
            throw failure("creation", "", e);
        }
    }

    @Override
    public void put(String key, byte[] bytes, String contentType) {
        Objects.requireNonNull(bytes, "bytes");
        PutObjectRequest request = putRequest(key, contentType);
        try {
            s3.putObject(request, RequestBody.fromBytes(bytes));
        } catch (SdkException e) {
            throw failure("put", key, e);
        }
    }

    @Override
    public void put(String key, Path file, String contentType) {
        Objects.requireNonNull(file, "file");
        PutObjectRequest request = putRequest(key, contentType);
        try {
            s3.putObject(request, RequestBody.fromFile(file));
        } catch (SdkException e) {
            throw failure("put", key, e);
        }
    }

    /** The stream is the HTTP response body: close it promptly, as it holds a pooled connection. */
    @Override
    public Optional<InputStream> open(String key) {
        GetObjectRequest request = getRequest(key);
        try {
            ResponseInputStream<GetObjectResponse> body = s3.getObject(request);
            return Optional.of(body);
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (SdkException e) {
            throw failure("open", key, e);
        }
    }

    /** Throws {@link NoSuchFileException} when there is no such object; creates the target's folder if needed. */
    @Override
    public void download(String key, Path target) throws IOException {
        GetObjectRequest request = getRequest(key);
        Path absolute = target.toAbsolutePath();
        Files.createDirectories(absolute.getParent());
        // The SDK writes to a path that must not exist yet; a random name next to the target keeps the rename atomic.
        Path temp = absolute.resolveSibling("." + absolute.getFileName() + "." + UUID.randomUUID() + ".part");
        try {
            s3.getObject(request, ResponseTransformer.toFile(temp));
            Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (NoSuchKeyException e) {
            throw new NoSuchFileException(key, null, "no such object in bucket " + bucket);
        } catch (SdkException e) {
            throw failure("download", key, e);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    @Override
    public Optional<BlobInfo> stat(String key) {
        BlobKeys.requireValid(key);
        try {
            HeadObjectResponse head = s3.headObject(request -> request.bucket(bucket).key(key));
            return Optional.of(new BlobInfo(key, head.contentLength(), head.contentType()));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            // A HEAD response has no body, so some servers' 404 reaches us without the NoSuchKey code.
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw failure("stat", key, e);
        } catch (SdkException e) {
            throw failure("stat", key, e);
        }
    }

    @Override
    public void delete(String key) {
        BlobKeys.requireValid(key);
        try {
            s3.deleteObject(request -> request.bucket(bucket).key(key));
        } catch (S3Exception e) {
            // S3 answers 204 for a missing key; some compatible servers answer 404, which means the same here.
            if (e.statusCode() != 404) {
                throw failure("delete", key, e);
            }
        } catch (SdkException e) {
            throw failure("delete", key, e);
        }
    }

    /**
     * A URL that GETs the object for {@code validFor}, or for the configured {@code presign-ttl} when
     * {@code validFor} is null. Signing is local: no request is sent, and the object need not exist.
     */
    @Override
    public Optional<URI> presignedGet(String key, Duration validFor) {
        GetObjectRequest request = getRequest(key);
        Duration ttl = validFor == null ? defaultPresignTtl : validFor;
        try {
            return Optional.of(presigner.presignGetObject(presign -> presign.signatureDuration(ttl)
                    .getObjectRequest(request)).url().toURI());
        } catch (SdkException e) {
            throw failure("presign", key, e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("The SDK signed an invalid URL for " + key, e);
        }
    }

    /** Releases the HTTP connection pool; the store is unusable afterwards. */
    @Override
    public void close() {
        presigner.close();
        s3.close();
    }

    private PutObjectRequest putRequest(String key, String contentType) {
        BlobKeys.requireValid(key);
        Objects.requireNonNull(contentType, "contentType");
        return PutObjectRequest.builder().bucket(bucket).key(key).contentType(contentType).build();
    }

    private GetObjectRequest getRequest(String key) {
        BlobKeys.requireValid(key);
        return GetObjectRequest.builder().bucket(bucket).key(key).build();
    }

    private UncheckedIOException failure(String action, String key, SdkException e) {
        String subject = key.isEmpty() ? "bucket '" + bucket + "'" : "'" + key + "' in bucket '" + bucket + "'";
        return new UncheckedIOException(new IOException("S3 " + action + " of " + subject + " failed: " + e.getMessage(), e));
    }

    private static AwsCredentialsProvider credentials(StorageConfig config) {
        if (config.hasStaticCredentials()) {
            return StaticCredentialsProvider.create(AwsBasicCredentials.create(config.accessKey(), config.secretKey()));
        }
        return DefaultCredentialsProvider.builder().build();
    }

    /** Empty means: let the SDK find the region (environment, profile, instance metadata). */
    private static Optional<Region> region(StorageConfig config) {
        if (AUTO_REGION.equals(config.region()) && config.endpointOverride().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(Region.of(config.region()));
    }
}
