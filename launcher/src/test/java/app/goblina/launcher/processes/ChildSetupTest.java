package app.goblina.launcher.processes;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ChildSetupTest {

    private static final Path REPO = Path.of("/repo");
    private static final Path DATA = Path.of("/repo/data");

    @Test
    void the_api_gets_its_port_the_key_the_database_and_the_storage_and_the_extra_variables_win() {
        ChildSetup setup = new ChildSetup(options("jdbc:postgresql://db/goblina", 8000,
                Map.of("EXTRA", "yes", "GOBLINA_STORAGE_KIND", "s3")), "jdbc:postgresql://db/goblina",
                DATA.resolve("blobs"));

        assertThat(setup.apiEnvironment())
                .containsEntry("MICRONAUT_SERVER_PORT", "8080")
                .containsEntry("GOBLINA_API_PORT", "8080")
                .containsEntry("GOBLINA_BOOTSTRAP_API_KEY", "gob_dev_test")
                .containsEntry("DATABASE_URL", "jdbc:postgresql://db/goblina")
                .containsEntry("DATABASE_USER", "goblina")
                .containsEntry("DATABASE_PASSWORD", "secret")
                .containsEntry("GOBLINA_STORAGE_LOCAL_ROOT", DATA.resolve("blobs").toString())
                .containsEntry("GOBLINA_STORAGE_KIND", "s3")
                .containsEntry("EXTRA", "yes");
    }

    @Test
    void only_the_first_worker_serves_the_dashboard_and_each_has_its_own_scratch_space_and_port() {
        ChildSetup setup = new ChildSetup(options("jdbc:postgresql://db/goblina", 8000, Map.of()),
                "jdbc:postgresql://db/goblina", DATA.resolve("blobs"));

        Map<String, String> first = setup.workerEnvironment(1, 40001);
        Map<String, String> second = setup.workerEnvironment(2, 40002);

        assertThat(first)
                .containsEntry("GOBLINA_WORKER_NAME", "worker-1")
                .containsEntry("GOBLINA_WORKER_WORK_DIR", DATA.resolve("work/worker-1").toString())
                .containsEntry("GOBLINA_WORKER_HTTP_PORT", "40001")
                .containsEntry("GOBLINA_DASHBOARD_ENABLED", "true")
                .containsEntry("GOBLINA_DASHBOARD_PORT", "8000");
        assertThat(second)
                .containsEntry("GOBLINA_WORKER_NAME", "worker-2")
                .containsEntry("GOBLINA_WORKER_HTTP_PORT", "40002")
                .containsEntry("GOBLINA_DASHBOARD_ENABLED", "false")
                .doesNotContainKey("GOBLINA_DASHBOARD_PORT");
    }

    @Test
    void the_admin_key_goes_to_the_api_only() {
        ChildSetup setup = new ChildSetup(options(null, 0, Map.of("GOBLINA_ADMIN_API_KEY", "gob_admin_x")),
                "jdbc:postgresql://127.0.0.1:54329/goblina", DATA.resolve("blobs"));

        assertThat(setup.apiEnvironment()).containsEntry("GOBLINA_ADMIN_API_KEY", "gob_admin_x");
        assertThat(setup.workerEnvironment(1, 40001)).doesNotContainKey("GOBLINA_ADMIN_API_KEY");
    }

    @Test
    void the_dashboard_login_goes_to_the_worker_serving_the_dashboard_only() {
        ChildSetup setup = new ChildSetup(options(null, 8000, Map.of("GOBLINA_DASHBOARD_USERNAME", "goblina",
                "GOBLINA_DASHBOARD_PASSWORD", "gob_dash_x_long_enough")),
                "jdbc:postgresql://127.0.0.1:54329/goblina", DATA.resolve("blobs"));

        assertThat(setup.workerEnvironment(1, 40001))
                .containsEntry("GOBLINA_DASHBOARD_USERNAME", "goblina")
                .containsEntry("GOBLINA_DASHBOARD_PASSWORD", "gob_dash_x_long_enough");
        assertThat(setup.workerEnvironment(2, 40002)).doesNotContainKeys("GOBLINA_DASHBOARD_USERNAME",
                "GOBLINA_DASHBOARD_PASSWORD");
        assertThat(setup.apiEnvironment()).doesNotContainKeys("GOBLINA_DASHBOARD_USERNAME",
                "GOBLINA_DASHBOARD_PASSWORD");
    }

    @Test
    void the_embedded_database_is_used_as_postgres_without_a_password() {
        ChildSetup setup = new ChildSetup(options(null, 0, Map.of()), "jdbc:postgresql://127.0.0.1:54329/goblina",
                DATA.resolve("blobs"));

        assertThat(setup.workerEnvironment(1, 40001))
                .containsEntry("DATABASE_URL", "jdbc:postgresql://127.0.0.1:54329/goblina")
                .containsEntry("DATABASE_USER", EmbeddedDatabase.USER)
                .containsEntry("DATABASE_PASSWORD", "")
                .containsEntry("GOBLINA_DASHBOARD_ENABLED", "false");
    }

    @Test
    void the_command_runs_the_module_with_its_heap_and_the_data_directory_marker() {
        PlatformOptions options = options(null, 0, Map.of());
        ChildSetup setup = new ChildSetup(options, "jdbc:postgresql://127.0.0.1:54329/goblina", DATA.resolve("blobs"));

        List<String> command = setup.command(new ModuleLaunch("api", Platform.API_MAIN, "api.jar"), "512m");

        assertThat(command.getFirst()).endsWith("java");
        assertThat(command).contains("-Xmx512m", "-XX:+ExitOnOutOfMemoryError",
                "-Dorg.bytedeco.javacpp.cachedir=" + REPO.resolve(".cache/javacpp"),
                ChildSetup.dataDirMarker(options));
        assertThat(command.subList(command.size() - 3, command.size()))
                .containsExactly("-cp", "api.jar", Platform.API_MAIN);
        assertThat(ChildSetup.dataDirMarker(options)).isEqualTo("-Dgoblina.dataDir=" + DATA);
    }

    private static PlatformOptions options(String jdbcUrl, int dashboardPort, Map<String, String> extra) {
        return new PlatformOptions(REPO, DATA, jdbcUrl, "goblina", "secret", 8080, 2, dashboardPort, "gob_dev_test",
                extra);
    }
}
