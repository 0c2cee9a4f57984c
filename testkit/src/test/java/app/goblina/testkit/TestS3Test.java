package app.goblina.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

class TestS3Test {

    @Test
    void s3ServerStoresAndReturnsAnObject() {
        S3Server server = TestS3.server();
        String bucket = TestS3.newBucket();
        byte[] content = "a goblin in a hat".getBytes(StandardCharsets.UTF_8);

        try (S3Client s3 = client(server)) {
            s3.putObject(request -> request.bucket(bucket).key("hello/world.txt").contentType("text/plain"),
                    RequestBody.fromBytes(content));

            assertThat(s3.getObjectAsBytes(request -> request.bucket(bucket).key("hello/world.txt")).asByteArray())
                    .isEqualTo(content);
        }
    }

    @Test
    void eachNewBucketStartsEmpty() {
        String first = TestS3.newBucket();
        String second = TestS3.newBucket();

        try (S3Client s3 = client(TestS3.server())) {
            s3.putObject(request -> request.bucket(first).key("only-here"), RequestBody.fromString("x"));

            assertThat(second).isNotEqualTo(first);
            assertThat(s3.listObjectsV2(request -> request.bucket(second)).contents()).isEmpty();
        }
    }

    @Test
    @EnabledIfEnvironmentVariable(named = TestS3.ENDPOINT_VARIABLE, matches = ".*\\S.*")
    void theServerNamedInTheEnvironmentIsUsedWhenGiven() {
        assertThat(TestS3.server().endpoint()).hasToString(System.getenv(TestS3.ENDPOINT_VARIABLE).strip());
    }

    @Test
    void theRecordDoesNotPrintTheSecretKey() {
        assertThat(TestS3.server().toString()).doesNotContain(TestS3.server().secretKey());
    }

    private static S3Client client(S3Server server) {
        return S3Client.builder()
                .httpClientBuilder(Apache5HttpClient.builder())
                .endpointOverride(server.endpoint())
                .region(Region.of(server.region()))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(server.accessKey(), server.secretKey())))
                .forcePathStyle(true)
                .build();
    }
}
