package app.goblina.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.goblina.launcher.processes.Platform;
import app.goblina.launcher.processes.PlatformOptions;
import app.goblina.tenants.ApiKeys;
import app.goblina.testkit.FreePort;
import app.goblina.testkit.TestDatabase;
import app.goblina.testkit.TestPostgres;
import com.fasterxml.jackson.databind.JsonNode;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Phone photos and large posters through the API process as the launcher runs it ({@code -Xmx512m}) and a worker:
 * PNG and JPEG are taken up to the 40 MP cap whatever the heap, since both decode subsampled.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PhotoUploadsAgainstTheApiProcessTest {

    private static final Path REPO_ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final long MB = 1024 * 1024;

    private Platform platform;
    private ApiClient api;

    @BeforeAll
    void start(@TempDir Path dataDir) {
        TestDatabase database = TestPostgres.newDatabase();
        String key = ApiKeys.newKey("gob_e2e_");
        platform = Platform.start(new PlatformOptions(REPO_ROOT, dataDir, database.jdbcUrl(), database.username(),
                database.password(), FreePort.pick(), 1, 0, key, Map.of()));
        api = new ApiClient(platform.apiUrl(), key);
    }

    @AfterAll
    void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void aTwelveMegapixelPhoneJpegIsAcceptedAndAnalysed() throws Exception {
        byte[] photo = banded(4000, 3000, "jpeg");
        assertThat((long) photo.length).isLessThan(10 * MB);
        assertAcceptedAndAnalysed(photo, 4000, 3000);
    }

    @Test
    void aFortyMegapixelPngUnderTenMegabytesIsAcceptedAndAnalysed() throws Exception {
        byte[] poster = banded(7300, 5479, "png");
        assertThat((long) poster.length).isLessThan(10 * MB);
        assertAcceptedAndAnalysed(poster, 7300, 5479);
    }

    /**
     * WebP's decoder holds the whole frame (about 24 bytes a pixel for lossy), so on the API's 512 MB a WebP is taken
     * up to the heap / 192, about 2.8 MP: a 12 MP one is refused from its header, before a pixel is decoded, and the
     * API goes on.
     */
    @Test
    void aTwelveMegapixelWebpIsRefusedFromItsHeaderOnTheApisHeapAndTheApiGoesOn() throws Exception {
        long pid = platform.apiPid();

        JsonNode problem = api.send(api.multipart("Ms. Goblina", stillWebpDeclaring(4000, 3000)), 400);

        assertThat(problem.get("errors").get(0).get("field").asText()).isEqualTo("image");
        assertThat(problem.get("errors").get(0).get("reason").asText()).startsWith("4000x3000 pixels is more than the limit of ")
                .endsWith(" pixels for a WebP image");
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).hasValue(true);
        assertThat(platform.apiPid()).as("the same API process").isEqualTo(pid);
    }

    /** A still WebP's extended header (VP8X, no flags) declaring a {@code width} x {@code height} canvas. */
    private static byte[] stillWebpDeclaring(int width, int height) {
        ByteBuffer chunk = ByteBuffer.allocate(18).order(ByteOrder.LITTLE_ENDIAN);
        chunk.put("VP8X".getBytes(StandardCharsets.US_ASCII)).putInt(10).put(new byte[4]);
        putUint24(chunk, width - 1);
        putUint24(chunk, height - 1);
        ByteBuffer file = ByteBuffer.allocate(12 + 18).order(ByteOrder.LITTLE_ENDIAN);
        file.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(4 + 18)
                .put("WEBP".getBytes(StandardCharsets.US_ASCII)).put(chunk.array());
        return file.array();
    }

    private static void putUint24(ByteBuffer buffer, int value) {
        buffer.put((byte) value).put((byte) (value >> 8)).put((byte) (value >> 16));
    }

    private void assertAcceptedAndAnalysed(byte[] image, int width, int height) throws Exception {
        String id = api.send(api.multipart("Ms. Goblina", image), 202).get("id").asText();
        assertThat(ProcessHandle.of(platform.apiPid()).map(ProcessHandle::isAlive)).hasValue(true);
        JsonNode character = await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
                .until(() -> api.get("/v1/characters/" + id), c -> !c.get("status").asText().equals("ANALYZING"));
        assertThat(character.get("status").asText()).isEqualTo("READY");
        assertThat(character.get("width").asInt()).isEqualTo(width);
        assertThat(character.get("height").asInt()).isEqualTo(height);
        assertThat(character.get("styleGuide").isObject()).as("the worker wrote a style guide").isTrue();
    }

    /** Flat colour bands with a figure in the middle: large, yet compressing to well under 10 MB. */
    private static byte[] banded(int width, int height, String format) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        for (int band = 0; band < 6; band++) {
            g.setColor(new Color(30 + band * 35, 170 - band * 20, 80 + band * 10));
            g.fillRect(0, band * height / 6, width, height / 6 + 1);
        }
        g.setColor(new Color(60, 140, 60));
        g.fillOval(width / 3, height / 5, width / 3, height * 3 / 5);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, format, out);
        return out.toByteArray();
    }
}
