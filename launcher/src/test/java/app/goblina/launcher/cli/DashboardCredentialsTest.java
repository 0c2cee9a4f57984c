package app.goblina.launcher.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DashboardCredentialsTest {

    @TempDir
    Path dataDir;

    @Test
    void the_dashboard_password_is_generated_once_kept_owner_only_and_long_enough_for_the_worker() throws Exception {
        DashboardCredentials first = DashboardCredentials.resolve(Map.of(), dataDir);
        DashboardCredentials second = DashboardCredentials.resolve(Map.of(), dataDir);

        assertThat(first.username()).isEqualTo("goblina");
        assertThat(first.password()).isEqualTo(second.password()).startsWith("gob_dash_").hasSizeGreaterThan(12);
        assertThat(first.passwordFromEnv()).isFalse();
        Path file = dataDir.resolve("dashboard-password");
        assertThat(Files.readString(file).strip()).isEqualTo(first.password());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(first.toString()).doesNotContain(first.password());
    }

    @Test
    void the_environment_names_the_login_and_then_no_file_is_written() throws Exception {
        DashboardCredentials login = DashboardCredentials.resolve(Map.of("GOBLINA_DASHBOARD_USERNAME", "ops",
                "GOBLINA_DASHBOARD_PASSWORD", "a long enough password"), dataDir);

        assertThat(login.environment()).containsEntry("GOBLINA_DASHBOARD_USERNAME", "ops")
                .containsEntry("GOBLINA_DASHBOARD_PASSWORD", "a long enough password");
        assertThat(login.passwordFromEnv()).isTrue();
        assertThat(dataDir.resolve("dashboard-password")).doesNotExist();
    }

    @Test
    void the_platform_hands_the_login_on_and_a_platform_without_a_dashboard_has_none() throws Exception {
        LauncherSettings settings = LauncherSettings.fromEnvironment(Map.of("GOBLINA_DATA_DIR", dataDir.toString()),
                Path.of(""));
        DashboardCredentials login = settings.dashboardCredentials(Map.of());

        assertThat(settings.platformOptions("key", "gob_admin_test_key_of_some_length", login).extraEnv())
                .containsEntry("GOBLINA_DASHBOARD_USERNAME", "goblina")
                .containsEntry("GOBLINA_DASHBOARD_PASSWORD", login.password());
        LauncherSettings none = LauncherSettings.fromEnvironment(Map.of("GOBLINA_DATA_DIR", dataDir.toString(),
                "GOBLINA_DASHBOARD_PORT", "0"), Path.of(""));
        assertThat(none.dashboardCredentials(Map.of())).isNull();
    }
}
