package app.goblina.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import app.goblina.tenants.ApiKeys;
import app.goblina.testkit.FreePort;
import app.goblina.testkit.S3Server;
import app.goblina.testkit.TestDatabase;
import app.goblina.testkit.TestPostgres;
import app.goblina.testkit.TestS3;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * {@code ./goblina up} with {@code GOBLINA_STORAGE_KIND=s3}: the launcher's {@code Up} in a JVM of its own, as the
 * script runs it, with the API and a worker as its children, a real PostgreSQL and a real S3-compatible server.
 */
class UpWithS3StorageTest {

    @Test
    void upWithS3StorageKeepsAShortsFilesInTheBucketAndNoneInTheDataDirectory(@TempDir Path dataDir) throws Exception {
        TestDatabase database = TestPostgres.newDatabase();
        S3Server s3 = TestS3.server();
        String bucket = TestS3.newBucket();
        int apiPort = FreePort.pick();
        String key = ApiKeys.newKey("gob_dev_");
        Map<String, String> environment = Map.ofEntries(Map.entry("GOBLINA_STORAGE_KIND", "s3"),
                Map.entry("GOBLINA_STORAGE_ENDPOINT", s3.endpoint().toString()),
                Map.entry("GOBLINA_STORAGE_REGION", s3.region()), Map.entry("GOBLINA_STORAGE_BUCKET", bucket),
                Map.entry("GOBLINA_STORAGE_ACCESS_KEY", s3.accessKey()),
                Map.entry("GOBLINA_STORAGE_SECRET_KEY", s3.secretKey()),
                // from the user's shell, as the README has them set: the API's and worker 1's alone
                Map.entry("GOBLINA_ADMIN_API_KEY", ApiKeys.newKey("gob_admin_")),
                Map.entry("GOBLINA_DASHBOARD_PASSWORD", "a-dashboard-password"));
        try (UpInItsOwnJvm up = UpInItsOwnJvm.start(dataDir, apiPort, key, database, environment)) {
            assertThat(up.output()).contains("Files       S3 bucket " + bucket + " at " + s3.endpoint());
            ApiClient api = new ApiClient(URI.create("http://localhost:" + apiPort), key);
            String characterId = api.readyCharacter("Ms. Goblina", UpInItsOwnJvm.REPO_ROOT.resolve("examples/ms-goblina.png"));
            String projectId = api.startProject(Map.of("characterId", characterId, "topic", "goblin tea",
                    "preset", "wholesome", "scenarioCount", 1, "clipSeconds", 2));
            JsonNode done = api.finished(projectId, Duration.ofMinutes(2));
            assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("DONE");

            // the character, the clip, the short and its thumbnail are objects in the bucket
            List<String> objects = objects(s3, bucket);
            assertThat(objects).anyMatch(name -> name.contains(characterId))
                    .anyMatch(name -> name.contains(projectId) && name.endsWith(".mp4"))
                    .anyMatch(name -> name.contains(projectId) && name.endsWith(".jpg"));
            // the API answers a download with a presigned link into the bucket, not with bytes from a folder
            HttpResponse<Void> video = withoutRedirects(URI.create("http://localhost:" + apiPort + "/v1/projects/"
                    + projectId + "/video"), key);
            assertThat(video.statusCode()).isIn(302, 303, 307);
            assertThat(video.headers().firstValue("Location")).hasValueSatisfying(location -> assertThat(location)
                    .startsWith(s3.endpoint().resolve("/" + bucket + "/").toString()));
            assertThat(filesUnder(dataDir.resolve("blobs"))).isEmpty();
            // the worker was started without the admin key and the dashboard's login of the launcher's environment
            assertThat(environmentOfTheWorkerOf(dataDir)).containsEntry("GOBLINA_STORAGE_KIND", "s3")
                    .doesNotContainKeys("GOBLINA_ADMIN_API_KEY", "GOBLINA_DASHBOARD_PASSWORD", "GOBLINA_DASHBOARD_PORT");
        }
    }

    private static List<String> objects(S3Server s3, String bucket) {
        try (S3Client client = S3Client.builder().endpointOverride(s3.endpoint()).region(Region.of(s3.region()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(s3.accessKey(),
                        s3.secretKey())))
                .forcePathStyle(true).build()) {
            return client.listObjectsV2Paginator(request -> request.bucket(bucket)).contents().stream()
                    .map(S3Object::key).toList();
        }
    }

    private static HttpResponse<Void> withoutRedirects(URI uri, String key) throws Exception {
        try (HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build()) {
            return client.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + key).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
        }
    }

    /** Read from /proc: the worker is the child whose command line names this data directory and the worker. */
    private static Map<String, String> environmentOfTheWorkerOf(Path dataDir) throws IOException {
        String marker = "-Dgoblina.dataDir=" + dataDir;
        List<Path> workers = new java.util.ArrayList<>();
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            for (Path process : processes.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    List<String> arguments = List.of(Files.readString(process.resolve("cmdline")).split("\0"));
                    if (arguments.contains(marker) && arguments.contains("app.goblina.worker.WorkerApplication")) {
                        workers.add(process);
                    }
                } catch (IOException ended) {
                    // a process that ended while being looked at
                }
            }
        }
        assertThat(workers).as("the worker of " + dataDir).hasSize(1);
        Map<String, String> environment = new java.util.HashMap<>();
        byte[] raw = Files.readAllBytes(workers.getFirst().resolve("environ"));
        for (String entry : new String(raw, java.nio.charset.StandardCharsets.UTF_8).split("\0")) {
            int equals = entry.indexOf('=');
            if (equals > 0) {
                environment.put(entry.substring(0, equals), entry.substring(equals + 1));
            }
        }
        return environment;
    }

    private static List<Path> filesUnder(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }
}
