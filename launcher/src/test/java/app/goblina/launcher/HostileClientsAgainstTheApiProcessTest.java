package app.goblina.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import app.goblina.launcher.processes.Platform;
import app.goblina.launcher.processes.PlatformOptions;
import app.goblina.tenants.ApiKeys;
import app.goblina.testkit.AtOnce;
import app.goblina.testkit.FreePort;
import app.goblina.testkit.TestDatabase;
import app.goblina.testkit.TestPostgres;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The API process as the launcher runs it (its own JVM, {@code -Xmx512m}, {@code -XX:+ExitOnOutOfMemoryError}),
 * against clients that send a lot at once, too much, or too slowly. Its memory is read from the kernel
 * ({@code /proc/<pid>/status}: {@code VmRSS} now, {@code VmHWM} the peak since start).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileClientsAgainstTheApiProcessTest {

    private static final Path REPO_ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final long MB = 1024 * 1024;

    private Platform platform;
    private ApiClient api;
    private byte[] tenMegabytePng;

    @BeforeAll
    void start(@TempDir Path dataDir) throws IOException {
        TestDatabase database = TestPostgres.newDatabase();
        String key = ApiKeys.newKey("gob_e2e_");
        platform = Platform.start(new PlatformOptions(REPO_ROOT, dataDir, database.jdbcUrl(), database.username(),
                database.password(), FreePort.pick(), 1, 0, key, Map.of("GOBLINA_HTTP_READ_IDLE_TIMEOUT", "2s")));
        api = new ApiClient(platform.apiUrl(), key);
        tenMegabytePng = noisePng(1800, 1850);
        assertThat((long) tenMegabytePng.length).as("about 10 MB, under the 10 MiB cap").isBetween(9 * MB, 10 * MB);
    }

    @AfterAll
    void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    /**
     * Twenty uploads one after another first, then the same twenty at once. Sent one at a time, the process reaches
     * the memory an upload and its garbage take; were uploads held in memory while they arrive or wait for a slot
     * ({@link app.goblina.api.characters.UploadSlots}), twenty at once would need their 190 MB on top of that.
     * Streamed to disk, they add less than half of it: between 41 and 75 MB in runs on a 2-core machine, the spread
     * being how much garbage the collector lets pile up first, while twenty bodies held at once add all 190 MB less
     * the one a single upload already held. RSS is the kernel's count: heap touched, native memory, and any
     * memory-mapped file pages, which is where the server's own multipart decoder used to put them.
     */
    @Test
    void twentyConcurrentTenMegabyteUploadsTakeLittleMoreMemoryThanTwentyInARow() throws Exception {
        assertThat(upload(tenMegabytePng)).as("a warm-up upload").isEqualTo(202);
        long before = memory("VmHWM");
        for (int i = 0; i < 20; i++) {
            assertThat(upload(tenMegabytePng)).isEqualTo(202);
        }
        long inARow = memory("VmHWM");

        List<Integer> statuses = AtOnce.run(20, () -> upload(tenMegabytePng));

        long atOnce = memory("VmHWM");
        long sent = 20L * tenMegabytePng.length;
        System.out.printf("api peak RSS: %d MB after a warm-up upload, %d MB after 20 uploads of 10 MB in a row, "
                + "%d MB after 20 at once (%d MB sent): +%d MB for the 20 at once%n", before / MB, inARow / MB,
                atOnce / MB, sent / MB, (atOnce - inARow) / MB);
        assertThat(statuses).containsOnly(202);
        assertThat(atOnce - inARow).as("peak RSS added by the 20 concurrent uploads").isLessThan(sent / 2);
        assertThat(ProcessHandle.of(platform.apiPid()).map(ProcessHandle::isAlive)).hasValue(true);
    }

    @Test
    void fourConcurrentHundredAndTwentyMegabyteUploadsAreRefusedAtOnceAndTheApiGoesOn() throws Exception {
        long pid = platform.apiPid();
        long blobsBefore = blobs();

        List<String> outcomes = AtOnce.run(4, this::hugeUpload);

        System.out.println("4 concurrent 120 MB uploads: " + outcomes);
        assertThat(outcomes).as("each refused from its Content-Length").allSatisfy(o -> assertThat(o).startsWith("413 ")
                .contains("application/problem+json", "\"field\":\"image\""));
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).as("no OutOfMemoryError").hasValue(true);
        assertThat(platform.apiPid()).as("the same API process, not a restarted one").isEqualTo(pid);
        assertThat(blobs()).as("nothing stored").isEqualTo(blobsBefore);
        assertThat(upload(tenMegabytePng)).as("and it still takes a normal upload").isEqualTo(202);
    }

    @Test
    void aClientThatStallsMidBodyIsCutOffWhileOthersAreServed() throws Exception {
        try (Socket stalled = new Socket("127.0.0.1", platform.apiUrl().getPort())) {
            stalled.setSoTimeout(15_000);
            OutputStream out = stalled.getOutputStream();
            out.write(("POST /v1/projects HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + platform.apiKey()
                    + "\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"topic\":").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            long stalledAt = System.nanoTime();

            assertThat(api.get("/v1/projects").get("items")).as("another client is served meanwhile").isNotNull();
            String answer = readUntilClosed(stalled.getInputStream());
            long closedAfterMs = millisSince(stalledAt);

            System.out.println("a client stalled mid-body was cut off after " + closedAfterMs + " ms");
            assertThat(closedAfterMs).as("the read idle timeout is 2 s").isLessThan(10_000);
            assertThat(answer).as("no request was handled").doesNotContain("202");
        }
    }

    @Test
    void aClientThatSendsHalfItsHeadersAndWaitsIsCutOff() throws Exception {
        try (Socket stalled = new Socket("127.0.0.1", platform.apiUrl().getPort())) {
            stalled.setSoTimeout(15_000);
            stalled.getOutputStream().write("GET /v1/projects HTTP/1.1\r\nHost: local".getBytes(StandardCharsets.US_ASCII));
            stalled.getOutputStream().flush();
            long stalledAt = System.nanoTime();

            readUntilClosed(stalled.getInputStream());

            long closedAfterMs = millisSince(stalledAt);
            System.out.println("a client stalled mid-headers was cut off after " + closedAfterMs + " ms");
            assertThat(closedAfterMs).isLessThan(10_000);
        }
    }

    @Test
    void aKeptAliveConnectionBetweenRequestsAndASlowAnswerAreNotCutOff() throws Exception {
        try (Socket client = new Socket("127.0.0.1", platform.apiUrl().getPort())) {
            client.setSoTimeout(15_000);
            String request = "GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n";
            client.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            assertThat(readUntilClosed(client.getInputStream(), "}")).startsWith("HTTP/1.1 200");

            Thread.sleep(3_000);
            client.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            assertThat(readUntilClosed(client.getInputStream(), "}")).as("the same connection, idle past 2 s between requests")
                    .startsWith("HTTP/1.1 200");
        }
    }

    private int upload(byte[] png) throws Exception {
        return api.exchange(api.multipart("Ms. Goblina", png)).statusCode();
    }

    /**
     * On a plain socket, as curl would: the headers of a multipart upload declaring 120 MB, then its first
     * megabyte, then reading the answer, which must come from the Content-Length alone.
     */
    private String hugeUpload() throws IOException {
        long started = System.nanoTime();
        try (Socket socket = new Socket("127.0.0.1", platform.apiUrl().getPort())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v1/characters HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + platform.apiKey()
                    + "\r\nContent-Type: multipart/form-data; boundary=hostile\r\nContent-Length: " + 120 * MB + "\r\n\r\n"
                    + "--hostile\r\nContent-Disposition: form-data; name=\"image\"; filename=\"big.png\"\r\n"
                    + "Content-Type: image/png\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            try {
                out.write(new byte[(int) MB]);
                out.flush();
            } catch (SocketException closedWhileSending) {
                // the answer may already be there
            }
            String answer = readUntilClosed(socket.getInputStream(), "}");
            return answer.isEmpty() ? "closed after " + millisSince(started) + " ms"
                    : answer.substring(9, 12) + " after " + millisSince(started) + " ms " + answer.replace("\r\n", " ");
        }
    }

    private static long millisSince(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }

    /** Reads what the server sends until it closes the connection (or resets it). */
    private static String readUntilClosed(InputStream in) throws IOException {
        return readUntilClosed(in, null);
    }

    /** Reads what the server sends until it closes the connection, resets it, or ends an answer with {@code end}. */
    private static String readUntilClosed(InputStream in, String end) throws IOException {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        try {
            for (int n; (n = in.read(buffer)) != -1; ) {
                got.write(buffer, 0, n);
                if (end != null && got.toString(StandardCharsets.US_ASCII).endsWith(end)) {
                    break;
                }
            }
        } catch (SocketException reset) {
            // a reset is a close too
        }
        return got.toString(StandardCharsets.US_ASCII);
    }

    /** A field of {@code /proc/<api pid>/status}, in bytes. */
    private long memory(String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(platform.apiPid()), "status"))) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
            }
        }
        throw new IllegalStateException("no " + field + " in /proc status");
    }

    private long blobs() throws IOException {
        try (Stream<Path> files = Files.walk(platform.blobsDir())) {
            return files.filter(Files::isRegularFile).count();
        }
    }

    /** Random pixels, which PNG cannot compress: width × height × 3 bytes and a little more. */
    private static byte[] noisePng(int width, int height) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(7);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, random.nextInt(0x1000000));
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}
