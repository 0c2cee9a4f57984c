package app.goblina.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.goblina.storage.BlobStore.BlobInfo;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every {@link BlobStore} promises, run against each implementation by a subclass. Each test uses keys under its
 * own random prefix, so a subclass may share one store between tests.
 */
abstract class BlobStoreContractTest {

    private static final byte[] HELLO = "a goblin in a hat".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path workDir;

    private String prefix;

    /** The store under test. */
    protected abstract BlobStore store();

    /** Whether the store signs URLs, which S3 does and a folder cannot. */
    protected abstract boolean signsUrls();

    @BeforeEach
    void choosePrefix() {
        prefix = "tests/" + UUID.randomUUID() + "/";
    }

    @Test
    void putThenOpenReturnsTheSameBytes() throws IOException {
        String key = key("hello.txt");

        store().put(key, HELLO, "text/plain");

        assertThat(readAll(key)).isEqualTo(HELLO);
    }

    @Test
    void aFilePutInComesBackByDownload() throws IOException {
        String key = key("clips/one.mp4");
        Path source = Files.write(workDir.resolve("source.mp4"), HELLO);
        Path target = workDir.resolve("out/downloaded.mp4");

        store().put(key, source, "video/mp4");
        store().download(key, target);

        assertThat(target).hasBinaryContent(HELLO);
    }

    @Test
    void downloadReplacesAnExistingFileAndLeavesNoTemporaryFileBehind() throws IOException {
        String key = key("render.mp4");
        Path target = Files.writeString(workDir.resolve("render.mp4"), "an older, longer render");

        store().put(key, HELLO, "video/mp4");
        store().download(key, target);

        assertThat(target).hasBinaryContent(HELLO);
        try (var files = Files.list(workDir)) {
            assertThat(files).containsExactly(target);
        }
    }

    @Test
    void puttingTheSameKeyTwiceLeavesOneObjectWithTheLastContent() throws IOException {
        String key = key("scenario.json");
        byte[] last = "{\"version\":2}".getBytes(StandardCharsets.UTF_8);

        store().put(key, "first, and longer than the second".getBytes(StandardCharsets.UTF_8), "text/plain");
        store().put(key, last, "application/json");

        assertThat(readAll(key)).isEqualTo(last);
        assertThat(store().stat(key)).contains(new BlobInfo(key, last.length, "application/json"));
    }

    @Test
    void aMissingKeyIsEmptyNotAnError() {
        String key = key("never-put.png");

        assertThat(store().open(key)).isEmpty();
        assertThat(store().stat(key)).isEmpty();
        assertThat(store().exists(key)).isFalse();
    }

    @Test
    void downloadOfAMissingKeyThrowsNoSuchFile() {
        Path target = workDir.resolve("missing.png");

        assertThatThrownBy(() -> store().download(key("never-put.png"), target))
                .isInstanceOf(NoSuchFileException.class);
        assertThat(target).doesNotExist();
    }

    @Test
    void deleteRemovesTheObject() {
        String key = key("thumbnail.jpg");
        store().put(key, HELLO, "image/jpeg");

        store().delete(key);

        assertThat(store().exists(key)).isFalse();
        assertThat(store().open(key)).isEmpty();
    }

    @Test
    void deleteOfAMissingKeyIsNotAnError() {
        String key = key("never-put.jpg");

        assertThatCode(() -> store().delete(key)).doesNotThrowAnyException();
        assertThatCode(() -> store().delete(key)).doesNotThrowAnyException();
    }

    @Test
    void aLargeFileIsStreamedInAndOut() throws IOException {
        String key = key("large.bin");
        Path source = workDir.resolve("large.bin");
        String written = writeRandomFile(source, 32);

        store().put(key, source, "application/octet-stream");

        assertThat(store().stat(key)).map(BlobInfo::size).contains(32L * 1024 * 1024);
        try (InputStream in = store().open(key).orElseThrow()) {
            assertThat(sha256(in)).isEqualTo(written);
        }
        Path downloaded = workDir.resolve("large-downloaded.bin");
        store().download(key, downloaded);
        try (InputStream in = Files.newInputStream(downloaded)) {
            assertThat(sha256(in)).isEqualTo(written);
        }
    }

    @Test
    void invalidKeysAreRefused() {
        Path file = workDir.resolve("any");
        for (String key : List.of("../x", "/abs", "a//b", "a/../b", "", "spaces are not allowed")) {
            List<Runnable> calls = List.of(
                    () -> store().put(key, HELLO, "text/plain"),
                    () -> store().put(key, file, "text/plain"),
                    () -> store().open(key),
                    () -> store().stat(key),
                    () -> store().delete(key),
                    () -> store().presignedGet(key, Duration.ofMinutes(1)));
            for (Runnable call : calls) {
                assertThatThrownBy(call::run).as("key %s", key).isInstanceOf(IllegalArgumentException.class);
            }
            assertThatThrownBy(() -> store().download(key, file)).as("key %s", key)
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(file).doesNotExist();
    }

    @Test
    void statReportsSizeAndContentType() {
        String key = key("characters/original.webp");

        store().put(key, HELLO, "image/webp");

        assertThat(store().stat(key)).contains(new BlobInfo(key, HELLO.length, "image/webp"));
        assertThat(store().exists(key)).isTrue();
    }

    @Test
    void presignedGetServesTheObjectWhenSupported() throws IOException, InterruptedException {
        String key = key("short.mp4");
        store().put(key, HELLO, "video/mp4");

        Optional<URI> url = store().presignedGet(key, Duration.ofMinutes(5));

        assertThat(url.isPresent()).isEqualTo(signsUrls());
        if (url.isPresent()) {
            try (HttpClient http = HttpClient.newHttpClient()) {
                HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(url.get()).GET().build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(response.body()).isEqualTo(HELLO);
                assertThat(response.headers().firstValue("Content-Type")).contains("video/mp4");
            }
        }
    }

    private String key(String name) {
        return prefix + name;
    }

    private byte[] readAll(String key) throws IOException {
        try (InputStream in = store().open(key).orElseThrow()) {
            return in.readAllBytes();
        }
    }

    /** Writes {@code mebibytes} of pseudo-random bytes one MiB at a time and returns their SHA-256. */
    private static String writeRandomFile(Path file, int mebibytes) throws IOException {
        Random random = new Random(42);
        byte[] chunk = new byte[1024 * 1024];
        MessageDigest digest = sha256();
        try (OutputStream out = new DigestOutputStream(Files.newOutputStream(file), digest)) {
            for (int i = 0; i < mebibytes; i++) {
                random.nextBytes(chunk);
                out.write(chunk);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static String sha256(InputStream in) throws IOException {
        MessageDigest digest = sha256();
        try (DigestInputStream digesting = new DigestInputStream(in, digest)) {
            digesting.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
