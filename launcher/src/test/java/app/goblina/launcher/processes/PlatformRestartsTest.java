package app.goblina.launcher.processes;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An API or worker that dies while the platform runs is started again, with real processes (the stand-ins of
 * {@link FakeModules}) killed with SIGKILL by their pid.
 */
class PlatformRestartsTest {

    private static final String EXTERNAL_DB = "jdbc:postgresql://127.0.0.1:1/not-used-by-the-stand-ins";
    /** A cold JVM, the restart's own wait (1 s the first time) and a slow shared machine. */
    private static final Duration RESTARTED_WITHIN = Duration.ofSeconds(30);

    @TempDir
    static Path repoRoot;

    @TempDir
    Path dataDir;

    @TempDir
    Path reports;

    private final List<String> console = new CopyOnWriteArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void buildStandIns() throws IOException {
        FakeModules.build(repoRoot);
    }

    @Test
    void a_worker_killed_with_sigkill_is_restarted_as_a_new_process_and_the_platform_keeps_serving() throws Exception {
        try (Platform platform = start(2, Map.of(), RestartPolicy.DEFAULT)) {
            long killed = pidFile("worker-1");
            long other = pidFile("worker-2");

            ProcessHandle.of(killed).orElseThrow().destroyForcibly();

            await().atMost(RESTARTED_WITHIN).until(() -> pidFile("worker-1") != killed && isOurs(pidFile("worker-1")));
            long restarted = pidFile("worker-1");
            assertThat(ProcessHandle.of(killed)).isEmpty();
            assertThat(pidFile("worker-2")).as("the other worker is left alone").isEqualTo(other);
            assertThat(Readiness.answersOk(http, platform.apiUrl().resolve("/health"))).isTrue();
            await().atMost(RESTARTED_WITHIN).untilAsserted(() -> assertThat(console)
                    .anySatisfy(line -> assertThat(line).startsWith("worker-1 exited with code 137 (signal 9) after ")
                            .endsWith("; restarting it in 1 s"))
                    .contains("worker-1 restarted (pid " + restarted + ")"));
            String log = Files.readString(dataDir.resolve("logs").resolve("worker-1.log"));
            assertThat(log).contains("worker-1 exited with code 137 (signal 9)", "restarting it in 1 s");
            await().atMost(RESTARTED_WITHIN).untilAsserted(() -> assertThat(
                    Files.readString(dataDir.resolve("logs").resolve("worker-1.log")).split("fake worker-1 starting", -1))
                    .as("two runs in the log").hasSize(3));
        }
        // The restarted worker was asked to stop, like the others, and nothing of the platform is left.
        assertThat(reports.resolve("worker-1.stopped")).exists();
        assertThat(dataDir.resolve("run")).isEmptyDirectory();
        assertThat(ourProcesses()).isEmpty();
    }

    @Test
    void an_api_killed_with_sigkill_is_restarted_and_answers_health_again() throws Exception {
        try (Platform platform = start(1, Map.of(), RestartPolicy.DEFAULT)) {
            long killed = pidFile("api");

            ProcessHandle.of(killed).orElseThrow().destroyForcibly();

            await().atMost(RESTARTED_WITHIN).until(() -> pidFile("api") != killed && isOurs(pidFile("api")));
            await().atMost(RESTARTED_WITHIN).until(() -> Readiness.answersOk(http, platform.apiUrl().resolve("/health")));
            assertThat(console).anySatisfy(line -> assertThat(line).startsWith("api exited with code 137 (signal 9)"));
        }
    }

    @Test
    void a_worker_that_keeps_crashing_is_given_up_on_with_its_exit_code_and_the_end_of_its_log() throws Exception {
        RestartPolicy quick = new RestartPolicy(new RestartBackoff(Duration.ofMillis(100), Duration.ofMillis(400),
                Duration.ofMinutes(1)), 2, Duration.ofMinutes(1));
        try (Platform platform = start(1, Map.of("FAKE_WORKER_EXIT_AFTER_MS", "1500"), quick)) {
            Optional<ChildExit> crashLoop = platform.awaitCrashLoop();

            assertThat(crashLoop).get().satisfies(exit -> {
                assertThat(exit.name()).isEqualTo("worker-1");
                assertThat(exit.exitCode()).isEqualTo(7);
                assertThat(exit.restarts()).isEqualTo(2);
                assertThat(exit.describe()).contains(
                        "worker-1 keeps crashing: it exited with code 7 after 2 restarts within 1 min, so it is not "
                                + "restarted again.", "fake worker-1 gives up");
            });
            assertThat(console).filteredOn(line -> line.startsWith("worker-1 exited with code 7"))
                    .hasSize(2)
                    .satisfiesExactly(
                            first -> assertThat(first).endsWith("; restarting it in 100 ms"),
                            second -> assertThat(second).endsWith("; restarting it in 200 ms"));
            assertThat(Files.readString(dataDir.resolve("logs").resolve("worker-1.log")))
                    .contains("it was restarted 2 times within 1 min, so it is not restarted again");
        }
    }

    @Test
    void closing_the_platform_while_a_restart_waits_starts_nothing_more() throws Exception {
        RestartPolicy slow = new RestartPolicy(new RestartBackoff(Duration.ofSeconds(2), Duration.ofSeconds(2),
                Duration.ofMinutes(1)), 5, Duration.ofMinutes(5));
        Platform platform = start(1, Map.of(), slow);
        try {
            ProcessHandle.of(pidFile("worker-1")).orElseThrow().destroyForcibly();
            await().atMost(RESTARTED_WITHIN).until(() -> console.stream().anyMatch(line -> line.endsWith("restarting it in 2 s")));
        } finally {
            platform.close();
        }

        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> ourProcesses().isEmpty());
        assertThat(console).noneMatch(line -> line.contains("restarted (pid"));
    }

    private Platform start(int workers, Map<String, String> extra, RestartPolicy policy) throws IOException {
        Map<String, String> env = new HashMap<>(extra);
        env.put("FAKE_REPORT_DIR", reports.toString());
        PlatformOptions options = new PlatformOptions(repoRoot, dataDir, EXTERNAL_DB, "goblina", "secret",
                Readiness.anyFreePort(), workers, 0, "gob_dev_test", env);
        return Platform.start(options, console::add, policy);
    }

    private long pidFile(String name) throws IOException {
        return Long.parseLong(Files.readString(dataDir.resolve("run").resolve(name + ".pid")).strip());
    }

    private boolean isOurs(long pid) {
        return ProcessHandle.of(pid).flatMap(handle -> handle.info().commandLine())
                .map(line -> line.contains("-Dgoblina.dataDir=" + dataDir)).orElse(false);
    }

    private List<ProcessHandle> ourProcesses() {
        return ProcessHandle.allProcesses().filter(handle -> handle.info().commandLine()
                .map(line -> line.contains("-Dgoblina.dataDir=" + dataDir)).orElse(false)).toList();
    }
}
