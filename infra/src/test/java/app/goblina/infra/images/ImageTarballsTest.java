package app.goblina.infra.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import app.goblina.testkit.FreePort;
import app.goblina.testkit.TestDatabase;
import app.goblina.testkit.TestPostgres;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The image tarballs that {@code mvn -Pimages package} builds for the API and the worker, read back: what they
 * declare, what their file systems hold, and what they do when started as a container would start them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImageTarballsTest {

    private static final String VERSION = System.getProperty("goblina.version", "0.1.0-SNAPSHOT");
    private static final String UNPRIVILEGED = "65532:65532";

    private ImageTarball api;
    private ImageTarball worker;

    @TempDir
    Path logs;

    @BeforeAll
    void unpackBothImages() throws IOException {
        api = ImageTarball.unpack(ImageTarball.builtBy("api"));
        worker = ImageTarball.unpack(ImageTarball.builtBy("worker"));
    }

    @AfterAll
    void removeTheUnpackedImages() throws IOException {
        if (api != null) {
            api.close();
        }
        if (worker != null) {
            worker.close();
        }
    }

    @Test
    void eachImageIsTaggedWithTheBuildsVersionAndLatestForLinuxAmd64() {
        assertThat(api.repoTags()).containsExactlyInAnyOrder("goblina/api:" + VERSION, "goblina/api:latest");
        assertThat(worker.repoTags()).containsExactlyInAnyOrder("goblina/worker:" + VERSION, "goblina/worker:latest");
        assertThat(api.architecture()).isEqualTo("amd64");
        assertThat(worker.architecture()).isEqualTo("amd64");
    }

    @Test
    void eachImageStartsItsApplicationWithTheJavaOfItsOwnRuntimeAsAnUnprivilegedUser() throws IOException {
        assertStartsJava(api, "app.goblina.api.ApiApplication");
        assertStartsJava(worker, "app.goblina.worker.WorkerApplication");
    }

    @Test
    void eachImageExposesThePortsItsServicesListenOn() {
        assertThat(api.exposedPorts()).containsExactly("8080/tcp");
        assertThat(api.environment()).containsEntry("GOBLINA_API_PORT", "8080");
        assertThat(worker.exposedPorts()).containsExactlyInAnyOrder("8081/tcp", "8000/tcp");
        assertThat(worker.environment()).containsEntry("GOBLINA_WORKER_HTTP_PORT", "8081");
    }

    @Test
    void theWorkerKeepsJavaCppsNativesAndItsScratchSpaceInTheWritableTmp() throws IOException {
        assertThat(worker.entrypoint()).contains("-Dorg.bytedeco.javacpp.cachedir=/tmp/javacpp");
        assertThat(worker.environment()).containsEntry("GOBLINA_WORKER_WORK_DIR", "/tmp/work");
        for (ImageTarball image : List.of(api, worker)) {
            assertThat(Files.getPosixFilePermissions(image.rootfs().resolve("tmp")))
                    .contains(PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);
            assertThat(Files.getPosixFilePermissions(image.rootfs().resolve(image.workingDir().substring(1))))
                    .contains(PosixFilePermission.OTHERS_WRITE);
        }
    }

    @Test
    void eachImageCarriesTheCaptionFontsAndTheCopyrightOfEveryDebianPackageItTookFilesFrom() {
        for (ImageTarball image : List.of(api, worker)) {
            Path root = image.rootfs();
            assertThat(root.resolve("usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")).isRegularFile();
            assertThat(root.resolve("etc/fonts/fonts.conf")).isRegularFile();
            assertThat(root.resolve("usr/share/doc/fonts-dejavu-core/copyright")).isRegularFile();
            assertThat(root.resolve("usr/share/doc/libc6/copyright")).isRegularFile();
            assertThat(root.resolve("lib/x86_64-linux-gnu/libc.so.6")).isRegularFile();
        }
    }

    @Test
    void theWorkerImageLoadsFfmpegsNativesAndDrawsCaptionsAsItsOwnUser() throws Exception {
        assumeTrue(ContainerRun.available(), "starting an image's files needs root (chroot and mounts), as CI has");
        List<String> selfCheck = new ArrayList<>(worker.entrypoint());
        selfCheck.set(selfCheck.size() - 1, "app.goblina.worker.media.MediaSelfCheck");
        Path log = logs.resolve("self-check.log");

        int exit = ContainerRun.run(worker, selfCheck, log, 120);

        assertThat(Files.readString(log)).contains("media self-check: ok h264 yuv420p 128x128");
        assertThat(exit).isZero();
    }

    @Test
    void theApiAndAWorkerStartedFromTheirImagesAnswerHealthOnARealDatabaseAndStopOnSigterm() throws Exception {
        assumeTrue(ContainerRun.available(), "starting an image's files needs root (chroot and mounts), as CI has");
        TestDatabase database = TestPostgres.newDatabase();
        Map<String, String> databaseEnvironment = Map.of("DATABASE_URL", database.jdbcUrl(), "DATABASE_USER",
                database.username(), "DATABASE_PASSWORD", database.password());
        int apiPort = FreePort.pick();
        int workerPort = FreePort.pick();
        Path apiLog = logs.resolve("api.log");
        Path workerLog = logs.resolve("worker.log");

        Process apiProcess = ContainerRun.start(api, List.of(), with(databaseEnvironment, "GOBLINA_API_PORT",
                String.valueOf(apiPort)), apiLog);
        Process workerProcess = null;
        boolean workerStopped = false;
        boolean apiStopped;
        try {
            awaitHealthy(apiProcess, URI.create("http://127.0.0.1:" + apiPort + "/health"), apiLog);
            workerProcess = ContainerRun.start(worker, List.of(), with(databaseEnvironment,
                    "GOBLINA_WORKER_HTTP_PORT", String.valueOf(workerPort)), workerLog);
            awaitHealthy(workerProcess, URI.create("http://127.0.0.1:" + workerPort + "/health"), workerLog);
            // the health check compose runs inside each container, for want of a shell or curl in the image
            assertThat(probeFromInside(api, "http://127.0.0.1:" + apiPort + "/health")).isZero();
            assertThat(probeFromInside(worker, "http://127.0.0.1:" + workerPort + "/health")).isZero();
            assertThat(probeFromInside(worker, "http://127.0.0.1:" + FreePort.pick() + "/health")).isEqualTo(1);
            assertThat(get(URI.create("http://127.0.0.1:" + workerPort + "/prometheus")).body())
                    .contains("jvm_memory_used_bytes{", "service=\"worker\"", "hikaricp_connections");
        } finally {
            if (workerProcess != null) {
                workerStopped = ContainerRun.stop(workerProcess);
            }
            apiStopped = ContainerRun.stop(apiProcess);
        }
        assertThat(workerStopped).as("the worker ended on SIGTERM within 20 s").isTrue();
        assertThat(apiStopped).as("the API ended on SIGTERM within 20 s").isTrue();
        assertThat(Files.readString(workerLog)).doesNotContain("Exception in thread \"main\"");
        assertThat(Files.readString(apiLog)).doesNotContain("Exception in thread \"main\"");
    }

    private int probeFromInside(ImageTarball image, String url) throws Exception {
        return ContainerRun.run(image, List.of("/opt/java/bin/java", "-cp", "@/app/jib-classpath-file",
                "app.goblina.http.HealthProbe", url), logs.resolve("probe-" + System.nanoTime() + ".log"), 60);
    }

    private static void assertStartsJava(ImageTarball image, String mainClass) throws IOException {
        List<String> entrypoint = image.entrypoint();
        assertThat(entrypoint.getFirst()).isEqualTo("/opt/java/bin/java");
        assertThat(entrypoint.getLast()).isEqualTo(mainClass);
        assertThat(entrypoint).containsSequence("-cp", "@/app/jib-classpath-file");
        Path java = image.rootfs().resolve("opt/java/bin/java");
        assertThat(Files.isExecutable(java)).as("java is executable").isTrue();
        assertThat(image.rootfs().resolve("app/jib-classpath-file")).isRegularFile();
        assertThat(image.user()).isEqualTo(UNPRIVILEGED);
        assertThat(Files.readAllLines(image.rootfs().resolve("etc/passwd")))
                .anyMatch(line -> line.startsWith("nonroot:x:65532:65532:"));
        assertThat(image.environment()).containsEntry("JAVA_HOME", "/opt/java").containsKey("JAVA_TOOL_OPTIONS");
        Set<PosixFilePermission> loader = Files.getPosixFilePermissions(image.rootfs().resolve("lib64/ld-linux-x86-64.so.2"));
        assertThat(loader).contains(PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_EXECUTE);
    }

    private static Map<String, String> with(Map<String, String> base, String name, String value) {
        Map<String, String> environment = new java.util.HashMap<>(base);
        environment.put(name, value);
        return environment;
    }

    private static void awaitHealthy(Process process, URI health, Path log) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("exited with " + process.exitValue() + " before " + health + " answered:\n"
                        + Files.readString(log));
            }
            try {
                if (get(health).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new AssertionError(health + " did not answer 200 within 120 s:\n" + Files.readString(log));
    }

    private static HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        try (HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()) {
            return client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
        }
    }
}
