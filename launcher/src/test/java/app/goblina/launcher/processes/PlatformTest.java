package app.goblina.launcher.processes;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.StringReader;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The platform's process handling, with stand-ins for the api and worker (see {@link FakeModules}). */
class PlatformTest {

    private static final String EXTERNAL_DB = "jdbc:postgresql://127.0.0.1:1/not-used-by-the-stand-ins";

    @TempDir
    static Path repoRoot;

    @TempDir
    Path dataDir;

    @TempDir
    Path reports;

    @BeforeAll
    static void buildStandIns() throws IOException {
        FakeModules.build(repoRoot);
    }

    @Test
    void the_api_and_workers_start_with_their_environment_and_stop_gracefully_on_close() throws Exception {
        int apiPort = Readiness.anyFreePort();
        int dashboardPort = Readiness.anyFreePort();
        Platform platform = Platform.start(options(apiPort, 2, dashboardPort, Map.of("EXTRA", "yes")));
        Properties api;
        Properties worker1;
        Properties worker2;
        try {
            assertThat(platform.apiUrl()).hasToString("http://localhost:" + apiPort);
            assertThat(platform.dashboardUrl()).hasToString("http://localhost:" + dashboardPort);
            assertThat(platform.apiKey()).isEqualTo("gob_dev_test");
            api = report("api");
            worker1 = report("worker-1");
            worker2 = report("worker-2");
        } finally {
            platform.close();
        }

        assertThat(api)
                .containsEntry("DATABASE_URL", EXTERNAL_DB)
                .containsEntry("DATABASE_USER", "goblina")
                .containsEntry("DATABASE_PASSWORD", "secret")
                .containsEntry("GOBLINA_STORAGE_KIND", "local")
                .containsEntry("GOBLINA_STORAGE_LOCAL_ROOT", dataDir.resolve("blobs").toString())
                .containsEntry("MICRONAUT_SERVER_PORT", Integer.toString(apiPort))
                .containsEntry("GOBLINA_API_PORT", Integer.toString(apiPort))
                .containsEntry("GOBLINA_BOOTSTRAP_API_KEY", "gob_dev_test")
                .containsEntry("EXTRA", "yes")
                .containsEntry("property.org.bytedeco.javacpp.cachedir",
                        repoRoot.resolve(".cache").resolve("javacpp").toString());
        assertThat(Long.parseLong(api.getProperty("maxMemory"))).isLessThanOrEqualTo(512L * 1024 * 1024);
        assertThat(worker1)
                .containsEntry("GOBLINA_WORKER_NAME", "worker-1")
                .containsEntry("GOBLINA_WORKER_WORK_DIR", dataDir.resolve("work").resolve("worker-1").toString())
                .containsEntry("GOBLINA_DASHBOARD_ENABLED", "true")
                .containsEntry("GOBLINA_DASHBOARD_PORT", Integer.toString(dashboardPort))
                .containsEntry("DATABASE_URL", EXTERNAL_DB)
                .containsEntry("EXTRA", "yes");
        assertThat(Long.parseLong(worker1.getProperty("maxMemory"))).isLessThanOrEqualTo(1024L * 1024 * 1024);
        assertThat(worker2)
                .containsEntry("GOBLINA_WORKER_NAME", "worker-2")
                .containsEntry("GOBLINA_DASHBOARD_ENABLED", "false")
                .doesNotContainKey("GOBLINA_DASHBOARD_PORT");
        assertThat(api).doesNotContainKey("GOBLINA_WORKER_NAME");
        assertThat(worker1.getProperty("GOBLINA_WORKER_HTTP_PORT")).as("each worker's /health has a port of its own")
                .matches("[0-9]+").isNotEqualTo(worker2.getProperty("GOBLINA_WORKER_HTTP_PORT"));

        // SIGTERM ran their shutdown hooks: they were asked to stop, not killed.
        assertThat(reports.resolve("api.stopped")).exists();
        assertThat(reports.resolve("worker-1.stopped")).exists();
        assertThat(reports.resolve("worker-2.stopped")).exists();
        assertThat(Readiness.acceptsConnections(apiPort)).isFalse();
        assertThat(Files.readString(dataDir.resolve("logs").resolve("api.log"))).contains("fake api starting");
        assertThat(Files.readString(dataDir.resolve("logs").resolve("worker-2.log")))
                .contains("fake worker-2 starting");
        assertThat(dataDir.resolve("run")).isEmptyDirectory();
    }

    @Test
    void a_child_that_exits_while_starting_fails_the_start_with_the_end_of_its_log() throws Exception {
        PlatformOptions options = options(Readiness.anyFreePort(), 1, 0, Map.of("FAKE_API_MODE", "crash"));

        assertThatThrownBy(() -> Platform.start(options))
                .isInstanceOf(PlatformStartException.class)
                .hasMessageContaining("api exited with code 3 while Goblina was starting")
                .hasMessageContaining("boom: the fake api cannot start");
        waitUntilStopped("worker-1");
    }

    @Test
    void closing_the_platform_ends_the_wait_for_a_crash_loop_with_nothing() throws Exception {
        Platform platform = Platform.start(options(Readiness.anyFreePort(), 1, 0, Map.of()));
        platform.close();

        assertThat(platform.awaitCrashLoop()).isEmpty();
    }

    @Test
    void a_module_that_is_not_built_is_reported_with_the_command_that_builds_it(@TempDir Path emptyRepo) {
        PlatformOptions options = new PlatformOptions(emptyRepo, dataDir, EXTERNAL_DB, "u", "p", 18080, 1, 0,
                "gob_dev_test", Map.of());

        assertThatThrownBy(() -> Platform.start(options))
                .isInstanceOf(PlatformStartException.class)
                .hasMessageContaining("The api module is not built")
                .hasMessageContaining("./goblina build");
    }

    @Test
    void a_busy_api_port_is_reported_before_anything_starts() throws Exception {
        try (ServerSocket busy = new ServerSocket(0)) {
            PlatformOptions options = options(busy.getLocalPort(), 1, 0, Map.of());

            assertThatThrownBy(() -> Platform.start(options))
                    .isInstanceOf(PlatformStartException.class)
                    .hasMessageContaining("Port " + busy.getLocalPort() + " for the API is already in use");
        }
        assertThat(reports.resolve("api.env")).doesNotExist();
    }

    @Test
    void a_second_platform_on_the_same_data_directory_is_refused() throws Exception {
        try (Platform first = Platform.start(options(Readiness.anyFreePort(), 1, 0, Map.of()))) {
            PlatformOptions second = options(Readiness.anyFreePort(), 1, 0, Map.of());

            assertThatThrownBy(() -> Platform.start(second))
                    .isInstanceOf(PlatformStartException.class)
                    .hasMessageContaining("Another Goblina is already running");
            assertThat(dataDir.resolve("run").resolve("api.pid")).exists();
            assertThat(Readiness.answersOk(java.net.http.HttpClient.newHttpClient(),
                    first.apiUrl().resolve("/health"))).isTrue();
        }
    }

    @Test
    void an_api_left_running_by_a_launcher_that_was_killed_is_stopped_on_the_next_start() throws Exception {
        int apiPort = Readiness.anyFreePort();
        ModuleLaunch api = ModuleLaunch.locate(repoRoot, "api", Platform.API_MAIN);
        ProcessBuilder orphan = new ProcessBuilder(api.command(
                Path.of(System.getProperty("java.home"), "bin", "java"),
                List.of("-Dgoblina.dataDir=" + dataDir))).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        orphan.environment().put("MICRONAUT_SERVER_PORT", Integer.toString(apiPort));
        orphan.environment().put("FAKE_REPORT_DIR", Files.createDirectories(reports.resolve("orphan")).toString());
        Process leftover = orphan.start();
        try {
            Files.createDirectories(dataDir.resolve("run"));
            Files.writeString(dataDir.resolve("run").resolve("api.pid"), Long.toString(leftover.pid()));
            awaitTrue(() -> Readiness.acceptsConnections(apiPort));

            try (Platform platform = Platform.start(options(apiPort, 1, 0, Map.of()))) {
                assertThat(leftover.isAlive()).isFalse();
                assertThat(platform.apiUrl().getPort()).isEqualTo(apiPort);
            }
        } finally {
            leftover.destroyForcibly();
        }
    }

    @Test
    void with_no_jdbc_url_an_embedded_postgresql_is_started_and_keeps_its_data_across_restarts() throws Exception {
        String jdbcUrl;
        try (Platform platform = Platform.start(options(Readiness.anyFreePort(), 1, 0, null, Map.of()))) {
            jdbcUrl = platform.jdbcUrl();
            assertThat(platform.usesEmbeddedDatabase()).isTrue();
            assertThat(jdbcUrl).matches("jdbc:postgresql://127\\.0\\.0\\.1:\\d+/goblina");
            assertThat(report("api")).containsEntry("DATABASE_URL", jdbcUrl)
                    .containsEntry("DATABASE_USER", "postgres").containsEntry("DATABASE_PASSWORD", "");
            sql(jdbcUrl, "CREATE TABLE kept (note text)", "INSERT INTO kept VALUES ('still here')");
        }
        assertThatThrownBy(() -> sql(jdbcUrl, "SELECT 1")).isInstanceOf(java.sql.SQLException.class);

        try (Platform again = Platform.start(options(Readiness.anyFreePort(), 1, 0, null, Map.of()))) {
            try (var connection = java.sql.DriverManager.getConnection(again.jdbcUrl(), "postgres", "");
                 var rows = connection.createStatement().executeQuery("SELECT note FROM kept")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo("still here");
            }
        }
    }

    private PlatformOptions options(int apiPort, int workers, int dashboardPort, Map<String, String> extra) {
        return options(apiPort, workers, dashboardPort, EXTERNAL_DB, extra);
    }

    private PlatformOptions options(int apiPort, int workers, int dashboardPort, String jdbcUrl,
                                    Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(extra);
        env.put("FAKE_REPORT_DIR", reports.toString());
        return new PlatformOptions(repoRoot, dataDir, jdbcUrl, "goblina", "secret", apiPort, workers,
                dashboardPort, "gob_dev_test", env);
    }

    private Properties report(String name) throws IOException, InterruptedException {
        // the platform is ready once the API answers; a worker may still be writing its report
        awaitTrue(() -> Files.exists(reports.resolve(name + ".env")));
        Properties properties = new Properties();
        // The report is "key=value" lines; escape backslashes so Properties reads values as written.
        properties.load(new StringReader(Files.readString(reports.resolve(name + ".env")).replace("\\", "\\\\")));
        return properties;
    }

    private void waitUntilStopped(String name) throws InterruptedException {
        if (Files.exists(reports.resolve(name + ".env"))) {
            awaitTrue(() -> Files.exists(reports.resolve(name + ".stopped")));
        }
    }

    private static void sql(String jdbcUrl, String... statements) throws java.sql.SQLException {
        try (var connection = java.sql.DriverManager.getConnection(jdbcUrl, "postgres", "");
             var statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 20 s");
            }
            Thread.sleep(50);
        }
    }
}
