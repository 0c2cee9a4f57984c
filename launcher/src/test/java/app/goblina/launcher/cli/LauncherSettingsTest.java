package app.goblina.launcher.cli;

import app.goblina.launcher.processes.PlatformOptions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LauncherSettingsTest {

    private final Path repo = Path.of("/srv/goblina");

    @Test
    void the_defaults_are_port_8080_a_dashboard_on_8000_two_workers_and_an_embedded_database_in_data() {
        LauncherSettings settings = LauncherSettings.fromEnvironment(Map.of(), repo);

        assertThat(settings.apiPort()).isEqualTo(8080);
        assertThat(settings.dashboardPort()).isEqualTo(8000);
        assertThat(settings.workers()).isEqualTo(2);
        assertThat(settings.dataDir()).isEqualTo(repo.resolve("data"));
        assertThat(settings.jdbcUrl()).isNull();
        assertThat(settings.apiUrl()).hasToString("http://localhost:8080");
    }

    @Test
    void the_environment_overrides_the_defaults() {
        LauncherSettings settings = LauncherSettings.fromEnvironment(Map.of(
                "GOBLINA_API_PORT", "9090",
                "GOBLINA_DASHBOARD_PORT", "0",
                "GOBLINA_WORKERS", "3",
                "GOBLINA_DATA_DIR", "/var/goblina",
                "DATABASE_URL", "jdbc:postgresql://db/goblina"), repo);

        assertThat(settings.apiPort()).isEqualTo(9090);
        assertThat(settings.dashboardPort()).isZero();
        assertThat(settings.workers()).isEqualTo(3);
        assertThat(settings.dataDir()).isEqualTo(Path.of("/var/goblina"));
        PlatformOptions options = settings.platformOptions("key", "gob_admin_test_key_of_some_length");
        assertThat(options.embeddedDatabase()).isFalse();
        assertThat(options.jdbcUrl()).isEqualTo("jdbc:postgresql://db/goblina");
        assertThat(options.dbUser()).isEqualTo("postgres");
    }

    @Test
    void a_value_that_is_not_a_number_in_range_is_rejected_with_its_name() {
        assertThatThrownBy(() -> LauncherSettings.fromEnvironment(Map.of("GOBLINA_API_PORT", "eighty"), repo))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("GOBLINA_API_PORT").hasMessageContaining("eighty");
        assertThatThrownBy(() -> LauncherSettings.fromEnvironment(Map.of("GOBLINA_WORKERS", "0"), repo))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("GOBLINA_WORKERS");
    }

    @Test
    void platform_options_refuse_the_same_port_for_the_api_and_the_dashboard() {
        assertThatThrownBy(() -> new PlatformOptions(repo, repo.resolve("data"), null, null, null, 8080, 1, 8080,
                "key", null)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("differ");
    }

    @Test
    void local_storage_is_the_default_and_hands_the_children_no_storage_variables() {
        LauncherSettings settings = LauncherSettings.fromEnvironment(Map.of("GOBLINA_STORAGE_BUCKET", "ignored"), repo);

        assertThat(settings.s3Storage()).isFalse();
        assertThat(settings.platformOptions("key", "gob_admin_test_key_of_some_length").extraEnv())
                .doesNotContainKeys("GOBLINA_STORAGE_KIND", "GOBLINA_STORAGE_BUCKET");
    }

    @Test
    void s3_storage_from_the_environment_goes_to_every_child_with_its_variables() {
        LauncherSettings settings = LauncherSettings.fromEnvironment(Map.of(
                "GOBLINA_STORAGE_KIND", " s3 ",
                "GOBLINA_STORAGE_ENDPOINT", "https://account.r2.cloudflarestorage.com",
                "GOBLINA_STORAGE_BUCKET", "shorts",
                "GOBLINA_STORAGE_ACCESS_KEY", "access",
                "GOBLINA_STORAGE_SECRET_KEY", "secret",
                "GOBLINA_STORAGE_LOCAL_ROOT", "/elsewhere",
                "UNRELATED", "x"), repo);

        assertThat(settings.s3Storage()).isTrue();
        assertThat(settings.storageDescription()).isEqualTo("bucket shorts at https://account.r2.cloudflarestorage.com");
        assertThat(settings.platformOptions("key", "gob_admin_test_key_of_some_length").extraEnv())
                .containsEntry("GOBLINA_STORAGE_KIND", "s3")
                .containsEntry("GOBLINA_STORAGE_ENDPOINT", "https://account.r2.cloudflarestorage.com")
                .containsEntry("GOBLINA_STORAGE_BUCKET", "shorts")
                .containsEntry("GOBLINA_STORAGE_ACCESS_KEY", "access")
                .containsEntry("GOBLINA_STORAGE_SECRET_KEY", "secret")
                .doesNotContainKeys("GOBLINA_STORAGE_LOCAL_ROOT", "UNRELATED");
    }

    @Test
    void projects_are_narrated_by_the_local_narrator_over_the_soft_pad_when_espeak_ng_is_on_the_path(@TempDir Path bin)
            throws IOException {
        Path espeak = Files.createFile(bin.resolve("espeak-ng"));
        Files.setPosixFilePermissions(espeak, PosixFilePermissions.fromString("rwxr-xr-x"));

        LauncherSettings settings = LauncherSettings.fromEnvironment(Map.of("PATH", "/nowhere:" + bin), repo);

        assertThat(settings.platformOptions("key", "gob_admin_test_key_of_some_length").extraEnv())
                .containsEntry("GOBLINA_PROVIDERS_NARRATION", "local")
                .containsEntry("GOBLINA_PROVIDERS_MUSIC", "soft-pad");
        assertThat(settings.soundDescription()).isEqualTo("narration local, music soft-pad");
    }

    @Test
    void without_espeak_ng_projects_get_the_soft_pad_alone_and_the_welcome_says_what_to_install(@TempDir Path bin) {
        LauncherSettings settings = LauncherSettings.fromEnvironment(Map.of("PATH", bin.toString()), repo);

        assertThat(settings.platformOptions("key", "gob_admin_test_key_of_some_length").extraEnv())
                .doesNotContainKey("GOBLINA_PROVIDERS_NARRATION")
                .containsEntry("GOBLINA_PROVIDERS_MUSIC", "soft-pad");
        assertThat(settings.soundDescription()).startsWith("narration none, music soft-pad")
                .contains("apt-get install espeak-ng");
    }

    @Test
    void sound_defaults_set_in_the_environment_even_empty_are_left_as_they_are(@TempDir Path bin) throws IOException {
        Path espeak = Files.createFile(bin.resolve("espeak-ng"));
        Files.setPosixFilePermissions(espeak, PosixFilePermissions.fromString("rwxr-xr-x"));

        LauncherSettings settings = LauncherSettings.fromEnvironment(Map.of("PATH", bin.toString(),
                "GOBLINA_PROVIDERS_NARRATION", "", "GOBLINA_PROVIDERS_MUSIC", "none"), repo);

        assertThat(settings.platformOptions("key", "gob_admin_test_key_of_some_length").extraEnv())
                .doesNotContainKeys("GOBLINA_PROVIDERS_NARRATION", "GOBLINA_PROVIDERS_MUSIC");
        assertThat(settings.soundDescription()).isEqualTo("narration none, music none");
    }

    @Test
    void the_children_let_completion_callbacks_reach_a_receiver_on_this_machine_over_plain_http() {
        LauncherSettings settings = LauncherSettings.fromEnvironment(Map.of(), repo);

        assertThat(settings.platformOptions("key", "gob_admin_test_key_of_some_length").extraEnv())
                .containsEntry("GOBLINA_CALLBACKS_ALLOW_HTTP_LOOPBACK", "true");
    }

    @Test
    void a_storage_kind_other_than_local_or_s3_is_refused_with_its_name() {
        assertThatThrownBy(() -> LauncherSettings.fromEnvironment(Map.of("GOBLINA_STORAGE_KIND", "r2"), repo))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("GOBLINA_STORAGE_KIND").hasMessageContaining("'r2'");
    }
}
