package app.goblina.storage;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * Where blobs are stored: a local folder, or an S3-compatible bucket (AWS S3, Cloudflare R2, MinIO). Bound from
 * {@code goblina.storage.*}, validated when created, immutable.
 *
 * <p>Each setting can come from an environment variable:
 * <table>
 *   <caption>Environment variables</caption>
 *   <tr><th>Variable</th><th>Default</th></tr>
 *   <tr><td>{@code GOBLINA_STORAGE_KIND}</td><td>{@code local} (or {@code s3})</td></tr>
 *   <tr><td>{@code GOBLINA_STORAGE_LOCAL_ROOT}</td><td>{@code data/blobs}</td></tr>
 *   <tr><td>{@code GOBLINA_STORAGE_ENDPOINT}</td><td>none: AWS's own endpoint</td></tr>
 *   <tr><td>{@code GOBLINA_STORAGE_REGION}</td><td>{@code auto}</td></tr>
 *   <tr><td>{@code GOBLINA_STORAGE_BUCKET}</td><td>{@code goblina}</td></tr>
 *   <tr><td>{@code GOBLINA_STORAGE_ACCESS_KEY}</td><td>none: the AWS default credentials chain</td></tr>
 *   <tr><td>{@code GOBLINA_STORAGE_SECRET_KEY}</td><td>none: the AWS default credentials chain</td></tr>
 *   <tr><td>{@code GOBLINA_STORAGE_PATH_STYLE}</td><td>{@code true}</td></tr>
 *   <tr><td>{@code GOBLINA_STORAGE_PRESIGN_TTL}</td><td>{@code 15m}</td></tr>
 *   <tr><td>{@code GOBLINA_STORAGE_PRESIGN_ENDPOINT}</td><td>none: the endpoint above</td></tr>
 * </table>
 *
 * <p>Blank optional values count as unset, so {@code GOBLINA_STORAGE_ENDPOINT=} means AWS. {@link #toString()} masks
 * the keys. An invalid combination throws {@link IllegalArgumentException} when the record is built.
 *
 * @param kind which store to use: {@code local} or {@code s3} (a string, so that a typo fails validation rather than
 *     falling back to the default); see {@link #storeKind()}
 * @param localRoot the folder of the local store, relative to the working directory unless absolute
 * @param endpoint the S3 endpoint, e.g. {@code https://<account>.r2.cloudflarestorage.com}; null means AWS's own
 * @param region the S3 region; {@code auto} is what R2 wants, and with no endpoint means the AWS default region chain
 * @param bucket the S3 bucket holding every blob
 * @param accessKey the S3 access key id; null means the AWS default credentials chain
 * @param secretKey the S3 secret key, given together with {@code accessKey}
 * @param pathStyle whether to address {@code endpoint/bucket/key} rather than {@code bucket.endpoint/key}, as R2 and
 *     MinIO want
 * @param presignTtl how long a presigned URL works when the caller does not say; at most 7 days, the S3 limit
 * @param presignEndpoint the endpoint written into download links, when clients reach the store by another address
 *     than the platform does (docker compose: {@code http://localhost:9000} while the containers use
 *     {@code http://minio:9000}); null means {@code endpoint}. The link is signed for this host, which the store
 *     then sees in the client's request.
 */
@ConfigurationProperties("goblina.storage")
public record StorageConfig(
        @NotNull @Pattern(regexp = "local|s3", flags = Pattern.Flag.CASE_INSENSITIVE, message = "must be local or s3")
        @Bindable(defaultValue = "local") String kind,
        @NotBlank @Bindable(defaultValue = "data/blobs") String localRoot,
        @Nullable URI endpoint,
        @NotBlank @Bindable(defaultValue = "auto") String region,
        @NotBlank @Pattern(regexp = "[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]", message = "must be a valid S3 bucket name")
        @Bindable(defaultValue = "goblina") String bucket,
        @Nullable String accessKey,
        @Nullable String secretKey,
        @Bindable(defaultValue = "true") boolean pathStyle,
        @NotNull @Bindable(defaultValue = "15m") Duration presignTtl,
        @Nullable URI presignEndpoint) {

    /** The longest a SigV4 presigned URL may live. */
    public static final Duration MAX_PRESIGN_TTL = Duration.ofDays(7);

    /** Which {@link BlobStore} the application uses. */
    public enum Kind {
        /** {@code LocalDiskBlobStore}: a folder, for development and single-machine installs. */
        LOCAL,
        /** {@code S3BlobStore}: an S3-compatible bucket. */
        S3
    }

    public StorageConfig {
        endpoint = endpoint == null || endpoint.toString().isBlank() ? null : endpoint;
        presignEndpoint = presignEndpoint == null || presignEndpoint.toString().isBlank() ? null : presignEndpoint;
        accessKey = blankToNull(accessKey);
        secretKey = blankToNull(secretKey);
        if ((accessKey == null) != (secretKey == null)) {
            throw new IllegalArgumentException(
                    "goblina.storage.access-key and goblina.storage.secret-key go together: set both or neither");
        }
        if (presignTtl != null && (presignTtl.isNegative() || presignTtl.isZero()
                || presignTtl.compareTo(MAX_PRESIGN_TTL) > 0)) {
            throw new IllegalArgumentException(
                    "goblina.storage.presign-ttl must be more than 0 and at most 7 days, not " + presignTtl);
        }
    }

    /**
     * {@link #kind()} as an enum.
     *
     * @throws IllegalArgumentException when kind is neither {@code local} nor {@code s3}, which validation prevents
     */
    public Kind storeKind() {
        return Kind.valueOf(kind.strip().toUpperCase(Locale.ROOT));
    }

    /** The endpoint, when one is set. */
    public Optional<URI> endpointOverride() {
        return Optional.ofNullable(endpoint);
    }

    /** The endpoint download links name: {@link #presignEndpoint()}, else {@link #endpointOverride()}. */
    public Optional<URI> presignEndpointOverride() {
        return Optional.ofNullable(presignEndpoint).or(this::endpointOverride);
    }

    /** Whether static keys were given, rather than leaving credentials to the AWS default chain. */
    public boolean hasStaticCredentials() {
        return accessKey != null;
    }

    @Override
    public String toString() {
        return "StorageConfig[kind=" + kind + ", localRoot=" + localRoot + ", endpoint=" + endpoint
                + ", region=" + region + ", bucket=" + bucket
                + ", accessKey=" + (accessKey == null ? "none" : "****")
                + ", secretKey=" + (secretKey == null ? "none" : "****")
                + ", pathStyle=" + pathStyle + ", presignTtl=" + presignTtl + ", presignEndpoint=" + presignEndpoint
                + "]";
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
