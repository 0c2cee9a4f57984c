package app.goblina.launcher.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Durable under faults: the real platform (the API and two workers as their own JVMs from the built jars, a
 * PostgreSQL and a Redis of the test's own, the Replicate fake in this JVM) makes six shorts while
 * workers are killed with SIGKILL mid-submit, mid-poll and mid-assembly and restarted, PostgreSQL is stopped for
 * longer than the pools' connection timeout and started again, Redis is stopped and started again, and 30% of
 * provider calls answer 429, 5xx or too late. One project's prompts are refused by the provider.
 *
 * <p>Every project must end DONE (the refused one FAILED with the provider's reason), each clip paid for exactly
 * once, with no duplicate rows, renders or blobs. The figures (kills by moment, outages, recoveries) are printed
 * and written to {@code figures.txt} in the run's folder, with {@code report.txt} (problems, jobs, servers) and
 * every process's log.
 *
 * <p>By default the short seeded run; {@code ./goblina faults --kills 100 --db-outage 120s ...} runs the same test
 * longer (see {@link FaultRunSettings} for every {@code goblina.faults.*} property). A failure prints the seed and
 * the command that replays it.
 */
class FaultInjectionTest {

    private static final Path LAUNCHER_DIR = Path.of("").toAbsolutePath();
    private static final Path REPO_ROOT = LAUNCHER_DIR.getParent();

    @Test
    @Timeout(value = 6, unit = java.util.concurrent.TimeUnit.HOURS)
    void everyProjectFinishesOnceAndOnlyOnceUnderKillsOutagesAndProviderFaults() throws IOException {
        FaultRunSettings settings = FaultRunSettings.fromSystemProperties(LAUNCHER_DIR);
        System.out.println("Fault-injection run: seed " + settings.seed() + ", files in " + settings.dir()
                + "\n  replay with: " + settings.replay());
        RunResult result;
        try (FaultRun run = new FaultRun(settings, REPO_ROOT)) {
            result = run.execute();
        }
        FaultVerdict verdict = new FaultVerdict(result);
        String figures = FaultFigures.render(result, verdict);
        String report = figures + "\nProblems (" + verdict.problems().size() + "):\n"
                + (verdict.problems().isEmpty() ? "  none\n" : "- " + String.join("\n- ", verdict.problems()) + "\n")
                + "\n" + verdict.jobSummary() + "\n\nLogs: " + result.logs() + "\n";
        Files.writeString(settings.dir().resolve("figures.txt"), figures, StandardCharsets.UTF_8);
        Files.writeString(settings.dir().resolve("report.txt"), report, StandardCharsets.UTF_8);
        System.out.println(report);
        if (verdict.problems().isEmpty()) {
            // A passing run keeps its logs and report; the database files are only worth keeping to study a failure.
            deleteTree(settings.dir().resolve("postgres"));
        }

        assertThat(verdict.problems())
                .withFailMessage("The platform did not come through the faults (seed %d; replay: %s; report: %s)%n%s",
                        settings.seed(), settings.replay(), settings.dir().resolve("report.txt"), report)
                .isEmpty();
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
