package app.goblina.launcher.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DevApiKeyTest {

    @TempDir
    Path dataDir;

    @Test
    void the_dev_key_is_generated_once_and_reused() throws Exception {
        String first = DevApiKey.resolve(Map.of(), dataDir);
        String second = DevApiKey.resolve(Map.of(), dataDir);

        assertThat(first).isEqualTo(second);
        assertThat(Files.readString(dataDir.resolve("dev-api-key")).strip()).isEqualTo(first);
    }

    @Test
    void a_generated_key_has_the_dev_prefix_and_32_random_bytes_in_base64url() throws Exception {
        String key = DevApiKey.resolve(Map.of(), dataDir);

        assertThat(key).startsWith("gob_dev_");
        assertThat(key.substring("gob_dev_".length())).hasSize(43).matches("[A-Za-z0-9_-]+");
        assertThat(DevApiKey.generate()).isNotEqualTo(DevApiKey.generate());
    }

    @Test
    void the_key_file_is_readable_by_its_owner_only() throws Exception {
        DevApiKey.resolve(Map.of(), dataDir);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve("dev-api-key"))))
                .isEqualTo("rw-------");
    }

    @Test
    void a_key_file_with_loose_permissions_is_tightened_when_read() throws Exception {
        Path file = dataDir.resolve("dev-api-key");
        Files.writeString(file, "gob_dev_existing\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        assertThat(DevApiKey.resolve(Map.of(), dataDir)).isEqualTo("gob_dev_existing");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void GOBLINA_API_KEY_wins_and_then_no_file_is_written() throws Exception {
        String key = DevApiKey.resolve(Map.of("GOBLINA_API_KEY", "  my-key "), dataDir);

        assertThat(key).isEqualTo("my-key");
        assertThat(dataDir.resolve("dev-api-key")).doesNotExist();
    }

    @Test
    void looking_for_an_existing_key_never_creates_one() throws Exception {
        assertThat(DevApiKey.existing(Map.of(), dataDir)).isEmpty();
        assertThat(dataDir.resolve("dev-api-key")).doesNotExist();

        String created = DevApiKey.resolve(Map.of(), dataDir);
        assertThat(DevApiKey.existing(Map.of(), dataDir)).contains(created);
    }
}
