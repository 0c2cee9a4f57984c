package app.goblina.testkit;

import java.net.URI;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import org.testcontainers.containers.MinIOContainer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3-compatible server for tests, and fresh buckets on it so that tests never see each other's objects.
 *
 * <p>The server is found once per JVM, in the order of {@link ServerSource}: the server at
 * {@code GOBLINA_TEST_S3_ENDPOINT} (with {@code GOBLINA_TEST_S3_ACCESS_KEY}, {@code GOBLINA_TEST_S3_SECRET_KEY} and
 * {@code GOBLINA_TEST_S3_REGION}, default {@code us-east-1}), else a MinIO container, else s3proxy in this JVM.
 * Every one of them is addressed path-style and signs with AWS v4, like Cloudflare R2 and MinIO in production.
 *
 * <p>Both methods block: the first call may start a server.
 */
public final class TestS3 {

    static final String ENDPOINT_VARIABLE = "GOBLINA_TEST_S3_ENDPOINT";
    static final String ACCESS_KEY_VARIABLE = "GOBLINA_TEST_S3_ACCESS_KEY";
    static final String SECRET_KEY_VARIABLE = "GOBLINA_TEST_S3_SECRET_KEY";
    static final String REGION_VARIABLE = "GOBLINA_TEST_S3_REGION";
    private static final String MINIO_IMAGE = "minio/minio:RELEASE.2023-09-04T19-57-37Z";

    private TestS3() {
    }

    /** The server's address and credentials. */
    public static S3Server server() {
        return Server.INSTANCE.server;
    }

    /** Which server is used, for logs. */
    public static String describe() {
        return Server.INSTANCE.description;
    }

    /**
     * Creates an empty bucket named {@code goblina-t-<random>} and returns its name.
     *
     * @throws software.amazon.awssdk.core.exception.SdkException when the server refuses
     */
    public static String newBucket() {
        String bucket = "goblina-t-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
        Server.INSTANCE.client.createBucket(request -> request.bucket(bucket));
        return bucket;
    }

    /** Starts or finds the server on first use only. */
    private static final class Server {
        static final Server INSTANCE = find();

        final S3Server server;
        final String description;
        /** Lives as long as the JVM, like the server; only creates buckets. */
        final S3Client client;

        private Server(S3Server server, String description) {
            this.server = server;
            this.description = description;
            this.client = S3Client.builder()
                    .httpClientBuilder(Apache5HttpClient.builder())
                    .endpointOverride(server.endpoint())
                    .region(Region.of(server.region()))
                    .credentialsProvider(StaticCredentialsProvider.create(
                            AwsBasicCredentials.create(server.accessKey(), server.secretKey())))
                    .forcePathStyle(true)
                    .build();
        }

        private static Server find() {
            return switch (ServerSource.choose(ENDPOINT_VARIABLE)) {
                case ENVIRONMENT -> fromEnvironment();
                case TESTCONTAINERS -> inContainer();
                case EMBEDDED -> {
                    S3Server embedded = EmbeddedS3Server.start();
                    yield new Server(embedded, "embedded S3 (s3proxy, in memory) at " + embedded.endpoint());
                }
            };
        }

        private static Server fromEnvironment() {
            URI endpoint = URI.create(ServerSource.environment(ENDPOINT_VARIABLE).orElseThrow());
            S3Server server = new S3Server(endpoint,
                    ServerSource.environment(REGION_VARIABLE).orElse("us-east-1"),
                    ServerSource.environment(ACCESS_KEY_VARIABLE).orElseThrow(() -> missing(ACCESS_KEY_VARIABLE)),
                    ServerSource.environment(SECRET_KEY_VARIABLE).orElseThrow(() -> missing(SECRET_KEY_VARIABLE)));
            return new Server(server, "S3 from " + ENDPOINT_VARIABLE + " at " + endpoint);
        }

        @SuppressWarnings("resource") // Testcontainers' reaper removes the container when the JVM exits.
        private static Server inContainer() {
            MinIOContainer container = new MinIOContainer(MINIO_IMAGE);
            container.start();
            S3Server server = new S3Server(URI.create(container.getS3URL()), "us-east-1",
                    container.getUserName(), container.getPassword());
            return new Server(server, "S3 in a Testcontainers " + MINIO_IMAGE + " container at " + server.endpoint());
        }

        private static IllegalStateException missing(String variable) {
            return new IllegalStateException(ENDPOINT_VARIABLE + " is set, so " + variable + " must be set too");
        }
    }
}
