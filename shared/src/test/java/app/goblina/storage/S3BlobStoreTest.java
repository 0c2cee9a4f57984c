package app.goblina.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.goblina.storage.s3.S3BlobStore;
import app.goblina.testkit.S3Server;
import app.goblina.testkit.TestS3;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Runs against a real S3-compatible server from the testkit, in a fresh bucket for each test. */
class S3BlobStoreTest extends BlobStoreContractTest {

    private S3BlobStore store;
    private String bucket;

    @BeforeEach
    void createStore() {
        bucket = TestS3.newBucket();
        store = new S3BlobStore(config(bucket));
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Override
    protected BlobStore store() {
        return store;
    }

    @Override
    protected boolean signsUrls() {
        return true;
    }

    @Test
    void ensureBucketCreatesAMissingBucketAndKeepsAnExistingOne() {
        String missing = "goblina-t-missing-" + Long.toHexString(System.nanoTime());
        try (S3BlobStore fresh = new S3BlobStore(config(missing))) {
            fresh.ensureBucket();
            fresh.put("kept.txt", new byte[] {1, 2, 3}, "text/plain");

            fresh.ensureBucket();

            assertThat(fresh.exists("kept.txt")).isTrue();
        }
    }

    @Test
    void aMissingBucketIsAClearFailure() {
        try (S3BlobStore nowhere = new S3BlobStore(config("goblina-t-never-created"))) {
            assertThatThrownBy(() -> nowhere.put("a.txt", new byte[] {1}, "text/plain"))
                    .isInstanceOf(UncheckedIOException.class)
                    .hasMessageContaining("S3 put of 'a.txt' in bucket 'goblina-t-never-created' failed");
        }
    }

    @Test
    void aPresignEndpointPutsTheClientsAddressInDownloadLinksAndTheLinkServesTheObject() throws Exception {
        S3Server server = TestS3.server();
        String bucket = TestS3.newBucket();
        URI endpoint = server.endpoint();
        // the same server by another name, as a browser outside docker compose reaches MinIO
        String otherHost = endpoint.getHost().equals("localhost") ? "127.0.0.1" : "localhost";
        URI clientsEndpoint = URI.create(endpoint.getScheme() + "://" + otherHost + ":" + endpoint.getPort());
        StorageConfig config = new StorageConfig("s3", "unused", endpoint, server.region(), bucket,
                server.accessKey(), server.secretKey(), true, Duration.ofMinutes(15), clientsEndpoint);
        try (S3BlobStore store = new S3BlobStore(config)) {
            store.put("shorts/a.mp4", new byte[] {1, 2, 3}, "video/mp4");

            URI link = store.presignedGet("shorts/a.mp4", Duration.ofMinutes(5)).orElseThrow();

            assertThat(link.getHost()).isEqualTo(otherHost);
            assertThat(link.getPath()).isEqualTo("/" + bucket + "/shorts/a.mp4");
            try (HttpClient http = HttpClient.newHttpClient()) {
                HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(link).GET().build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(response.body()).containsExactly(1, 2, 3);
            }
        }
    }

    static StorageConfig config(String bucket) {
        S3Server server = TestS3.server();
        return new StorageConfig("s3", "unused", server.endpoint(), server.region(), bucket,
                server.accessKey(), server.secretKey(), true, Duration.ofMinutes(15), null);
    }
}
