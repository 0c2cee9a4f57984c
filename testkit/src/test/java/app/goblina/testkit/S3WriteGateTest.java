package app.goblina.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

class S3WriteGateTest {

    private S3WriteGate gate;
    private S3Client s3;
    private String bucket;

    @BeforeEach
    void start() {
        S3Server server = TestS3.server();
        bucket = TestS3.newBucket();
        gate = S3WriteGate.inFrontOf(server.endpoint());
        s3 = S3Client.builder()
                .httpClientBuilder(Apache5HttpClient.builder())
                .endpointOverride(gate.endpoint())
                .region(Region.of(server.region()))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(server.accessKey(), server.secretKey())))
                .forcePathStyle(true)
                // one attempt per call, so that each refusal is seen by the test rather than retried by the SDK
                .overrideConfiguration(config -> config.retryStrategy(retry -> retry.maxAttempts(1)))
                .build();
    }

    @AfterEach
    void stop() {
        s3.close();
        gate.close();
    }

    @Test
    void signedRequestsThroughTheGateReachTheServerUnchanged() {
        byte[] content = "a goblin in a hat".getBytes(StandardCharsets.UTF_8);

        s3.putObject(request -> request.bucket(bucket).key("hat.txt").contentType("text/plain"), RequestBody.fromBytes(content));

        assertThat(s3.getObjectAsBytes(request -> request.bucket(bucket).key("hat.txt")).asByteArray()).isEqualTo(content);
        assertThat(s3.headObject(request -> request.bucket(bucket).key("hat.txt")).contentLength()).isEqualTo(content.length);
        assertThat(gate.relayed()).isEqualTo(3);
        assertThat(gate.refused()).isZero();
    }

    @Test
    void whileRefusingUploadsAndPostsGetSlowDownAndReadsStillWork() {
        s3.putObject(request -> request.bucket(bucket).key("before.txt"), RequestBody.fromString("before"));
        gate.refuseWrites();

        S3Exception put = catchThrowableOfType(S3Exception.class,
                () -> s3.putObject(request -> request.bucket(bucket).key("during.txt"), RequestBody.fromString("during")));
        S3Exception multipart = catchThrowableOfType(S3Exception.class,
                () -> s3.createMultipartUpload(request -> request.bucket(bucket).key("big.bin")));

        for (S3Exception refused : List.of(put, multipart)) {
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.awsErrorDetails().errorCode()).isEqualTo("SlowDown");
            assertThat(refused.awsErrorDetails().errorMessage()).isEqualTo("Please reduce your request rate.");
        }
        assertThat(s3.getObjectAsBytes(request -> request.bucket(bucket).key("before.txt")).asUtf8String()).isEqualTo("before");
        assertThat(gate.refused()).isEqualTo(2);
    }

    @Test
    void onceWritesAreAcceptedAgainNothingRefusedWasStoredAndNewWritesAre() {
        gate.refuseWrites();
        catchThrowableOfType(S3Exception.class,
                () -> s3.putObject(request -> request.bucket(bucket).key("refused.txt"), RequestBody.fromString("no")));

        gate.acceptWrites();
        s3.putObject(request -> request.bucket(bucket).key("accepted.txt"), RequestBody.fromString("yes"));

        assertThat(s3.listObjectsV2(request -> request.bucket(bucket)).contents()).extracting(S3Object::key)
                .containsExactly("accepted.txt");
    }
}
