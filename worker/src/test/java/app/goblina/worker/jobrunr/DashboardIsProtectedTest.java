package app.goblina.worker.jobrunr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.goblina.jobs.AnalyzeCharacter;
import app.goblina.jobs.JobQueue;
import app.goblina.worker.pipeline.WorkerTestContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jobrunr.jobs.Job;
import org.jobrunr.jobs.states.StateName;
import org.jobrunr.storage.StorageProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The JobRunr dashboard as a worker serves it, started through its configuration on a real PostgreSQL: it asks for
 * the login, refuses another site's requeue and delete, and listens on loopback only.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardIsProtectedTest {

    private static final String USER = "ops";
    private static final String PASSWORD = "correct horse battery";

    private final HttpClient http = HttpClient.newHttpClient();
    private WorkerTestContext worker;
    private int port;
    private URI base;

    @BeforeAll
    void start() throws Exception {
        port = freePort();
        base = URI.create("http://127.0.0.1:" + port);
        worker = new WorkerTestContext(Map.of(
                "goblina.dashboard.enabled", true,
                "goblina.dashboard.port", port,
                "goblina.dashboard.username", USER,
                "goblina.dashboard.password", PASSWORD));
    }

    @AfterAll
    void stop() {
        worker.close();
    }

    @Test
    void aRequestWithoutCredentialsIsAskedToLogIn() throws Exception {
        HttpResponse<String> response = send(get("/api/jobs?state=SCHEDULED"));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).get().asString().startsWith("Basic realm=");
        assertThat(send(get("/dashboard")).statusCode()).isEqualTo(401);
        assertThat(send(get("/sse/jobstats")).statusCode()).isEqualTo(401);
    }

    @Test
    void aWrongPasswordIsRefused() throws Exception {
        HttpResponse<String> response = send(get("/api/jobs?state=SCHEDULED").header("Authorization",
                basic(USER, PASSWORD + "!")));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(send(get("/api/jobs").header("Authorization", basic("admin", PASSWORD))).statusCode()).isEqualTo(401);
    }

    @Test
    void theRightCredentialsOpenTheJobsApiWithHeadersAgainstSniffingAndFraming() throws Exception {
        UUID jobId = scheduledJob();

        HttpResponse<String> response = send(loggedIn(get("/api/jobs?state=SCHEDULED&limit=100")));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains(jobId.toString());
        assertThat(response.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(response.headers().firstValue("X-Frame-Options")).contains("DENY");
        assertThat(response.headers().allValues("Content-Security-Policy")).contains("frame-ancestors 'none'");
        HttpResponse<String> page = send(loggedIn(get("/dashboard/jobs")));
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).containsIgnoringCase("<html");
    }

    @Test
    void aCrossOriginRequeueOrDeleteIsRefusedEvenWithTheRightCredentials() throws Exception {
        UUID jobId = scheduledJob();

        HttpResponse<String> requeue = send(loggedIn(request("/api/jobs/" + jobId + "/requeue"))
                .header("Origin", "http://evil.example").POST(HttpRequest.BodyPublishers.noBody()));
        HttpResponse<String> delete = send(loggedIn(request("/api/jobs/" + jobId))
                .header("Origin", "http://evil.example").DELETE());
        HttpResponse<String> deleteByReferer = send(loggedIn(request("/api/jobs/" + jobId))
                .header("Referer", "http://127.0.0.1:" + (port + 1) + "/page").DELETE());
        HttpResponse<String> deleteFromOpaqueOrigin = send(loggedIn(request("/api/jobs/" + jobId))
                .header("Origin", "null").DELETE());

        assertThat(requeue.statusCode()).isEqualTo(403);
        assertThat(delete.statusCode()).isEqualTo(403);
        assertThat(deleteByReferer.statusCode()).isEqualTo(403);
        assertThat(deleteFromOpaqueOrigin.statusCode()).isEqualTo(403);
        Job job = worker.bean(StorageProvider.class).getJobById(jobId);
        assertThat(job.getState()).isEqualTo(StateName.SCHEDULED);
        assertThat(job.getJobStates()).hasSize(1);
    }

    @Test
    void aSameOriginDeleteDeletesTheJob() throws Exception {
        UUID jobId = scheduledJob();

        HttpResponse<String> delete = send(loggedIn(request("/api/jobs/" + jobId))
                .header("Origin", base.toString()).header("Referer", base + "/dashboard/jobs").DELETE());

        assertThat(delete.statusCode()).isEqualTo(204);
        assertThat(worker.bean(StorageProvider.class).getJobById(jobId).getState()).isEqualTo(StateName.DELETED);
    }

    @Test
    void aSameOriginRequeueEnqueuesTheJob() throws Exception {
        UUID jobId = scheduledJob();

        HttpResponse<String> requeue = send(loggedIn(request("/api/jobs/" + jobId + "/requeue"))
                .header("Origin", base.toString()).POST(HttpRequest.BodyPublishers.noBody()));

        assertThat(requeue.statusCode()).isEqualTo(204);
        assertThat(worker.bean(StorageProvider.class).getJobById(jobId).getState()).isEqualTo(StateName.ENQUEUED);
    }

    @Test
    void onLoopbackARequestForAnotherHostNameIsRefused() throws Exception {
        // what a page whose name was rebound to 127.0.0.1 would send
        String answer = rawRequest("GET /api/jobs HTTP/1.1\r\nHost: rebound.example:" + port + "\r\nAuthorization: "
                + basic(USER, PASSWORD) + "\r\nConnection: close\r\n\r\n");

        assertThat(answer).startsWith("HTTP/1.1 403");
        assertThat(rawRequest("GET /api/jobs HTTP/1.1\r\nHost: localhost:" + port + "\r\nAuthorization: "
                + basic(USER, PASSWORD) + "\r\nConnection: close\r\n\r\n")).startsWith("HTTP/1.1 200");
    }

    @Test
    void itCannotBeReachedOnTheMachinesOtherAddresses() throws Exception {
        assertThat(send(loggedIn(get("/api/version"))).statusCode()).isEqualTo(200);
        Optional<InetAddress> other = nonLoopbackAddress();
        Assumptions.assumeTrue(other.isPresent(), "this machine has no address besides loopback to try");

        try (Socket socket = new Socket()) {
            assertThatThrownBy(() -> socket.connect(new InetSocketAddress(other.get(), port), 2000))
                    .as("a connection to %s:%d", other.get().getHostAddress(), port)
                    .isInstanceOfAny(ConnectException.class, SocketTimeoutException.class);
        }
    }

    @Test
    void aDashboardOnAnAddressBeyondLoopbackDoesNotStartWithoutCredentials() {
        assertThatThrownBy(() -> new WorkerTestContext(Map.of(
                "goblina.dashboard.enabled", true,
                "goblina.dashboard.port", port + 1,
                "goblina.dashboard.host", "0.0.0.0")))
                .rootCause()
                .hasMessageContaining("GOBLINA_DASHBOARD_USERNAME")
                .hasMessageContaining("GOBLINA_DASHBOARD_PASSWORD")
                .hasMessageContaining("0.0.0.0");
    }

    @Test
    void theConfigurationRefusesAShortPasswordOrHalfALogin() {
        assertThatThrownBy(() -> new DashboardConfig(true, 8000, "0.0.0.0", USER, "short-pass"))
                .hasMessageContaining("GOBLINA_DASHBOARD_PASSWORD must be at least 12 characters");
        assertThatThrownBy(() -> new DashboardConfig(true, 8000, "127.0.0.1", USER, null))
                .hasMessageContaining("GOBLINA_DASHBOARD_PASSWORD is not");
        assertThatThrownBy(() -> new DashboardConfig(true, 8000, "127.0.0.1", null, PASSWORD))
                .hasMessageContaining("GOBLINA_DASHBOARD_USERNAME is not");
        assertThat(new DashboardConfig(true, 8000, "0.0.0.0", USER, PASSWORD).requiresLogin()).isTrue();
        assertThat(new DashboardConfig(true, 8000, "127.0.0.1", null, null).requiresLogin()).isFalse();
        assertThat(new DashboardConfig(true, 8000, "127.0.0.1", USER, PASSWORD).toString()).doesNotContain(PASSWORD);
    }

    /** A job nobody runs: scheduled an hour ahead, on a worker with no job server. */
    private UUID scheduledJob() {
        AnalyzeCharacter job = new AnalyzeCharacter(worker.tenantId, UUID.randomUUID());
        worker.bean(JobQueue.class).schedule(job, Instant.now().plus(1, ChronoUnit.HOURS));
        return job.jobId();
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(path));
    }

    private HttpRequest.Builder get(String path) {
        return request(path).GET();
    }

    private static HttpRequest.Builder loggedIn(HttpRequest.Builder request) {
        return request.header("Authorization", basic(USER, PASSWORD));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String rawRequest(String request) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readNBytes(12), StandardCharsets.US_ASCII);
        }
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static Optional<InetAddress> nonLoopbackAddress() throws SocketException {
        return NetworkInterface.networkInterfaces()
                .filter(DashboardIsProtectedTest::isUp)
                .flatMap(NetworkInterface::inetAddresses)
                .filter(address -> address instanceof Inet4Address)
                .filter(address -> !address.isLoopbackAddress() && !address.isLinkLocalAddress())
                .findFirst();
    }

    private static boolean isUp(NetworkInterface nic) {
        try {
            return nic.isUp() && !nic.isLoopback();
        } catch (SocketException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
