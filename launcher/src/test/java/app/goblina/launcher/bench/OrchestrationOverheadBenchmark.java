package app.goblina.launcher.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import app.goblina.testkit.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@code ./goblina bench}: what the pipeline's orchestration costs on top of JobRunr. Projects whose providers
 * answer at once (the video fake renders in 0 s, the writer is local) run one at a time on the platform (API and two
 * workers); then the same jobs in the same shape run as bare JobRunr no-op jobs ({@link BareJobRunrChains}) on the
 * same job servers. A project's span is from its first job being due to its last job's end. The assembly is real
 * FFmpeg work that no no-op job does, so it is measured by the workers ({@code goblina_assembly_seconds}) and
 * added to the baseline. The hop from a clip's submit to its poll, scheduled 2 s later, is decided on both sides by
 * JobRunr's sweep of scheduled jobs (every 5 s, enqueueing what falls due before the next sweep), so it swings by
 * seconds from one project to the next: the ratio is given without it, and with it. Runs only with {@code -Dgoblina.bench=true}.
 */
class OrchestrationOverheadBenchmark {

    private static final int PROJECTS = Integer.getInteger("goblina.bench.overhead.projects", 20);
    /**
     * Projects run first and not measured, so the JIT has compiled what the measured ones run: each job's code
     * runs only a few dozen times in a short run, and after 8 projects it was still interpreted in part (1.15x
     * then, against 1.10x after 40). They run {@link #WARM_UP_AT_ONCE} at a time, on both sides.
     */
    private static final int WARM_UP = Integer.getInteger("goblina.bench.overhead.warmup", 40);
    private static final int WARM_UP_AT_ONCE = 4;
    private static final int WORKERS = 2;
    private static final int THREADS = 8;

    @Test
    void aProjectWhoseProvidersAnswerAtOnceAgainstTheSameJobsAsBareJobRunrNoOps() throws Exception {
        assumeTrue(Boolean.getBoolean("goblina.bench"), "run with ./goblina bench");
        List<Double> ours = new ArrayList<>();
        List<Double> oursScheduled = new ArrayList<>();
        Map<String, Integer> jobs;
        Map<String, List<double[]>> jobTimes;
        double pollDelay;
        double assembly;
        double providerCalls;
        try (BenchStack stack = BenchStack.start(WORKERS, THREADS, Duration.ZERO, Duration.ZERO)) {
            for (int i = 0; i < WARM_UP; i += WARM_UP_AT_ONCE) {
                List<String> batch = new ArrayList<>();
                for (int j = i; j < Math.min(WARM_UP, i + WARM_UP_AT_ONCE); j++) {
                    batch.add(stack.submit("warm-up " + j));
                }
                stack.awaitDone(batch, Duration.ofMinutes(3));
            }
            double assembledBefore = stack.workerSum("goblina_assembly_seconds_sum");
            double calledBefore = stack.workerSum("goblina_provider_call_seconds_sum");
            List<String> measured = new ArrayList<>();
            for (int i = 0; i < PROJECTS; i++) {
                String id = stack.submit("goblin tea ritual " + i);
                stack.awaitDone(List.of(id), Duration.ofMinutes(3));
                measured.add(id);
            }
            Map<String, Double> spans = stack.projectSpans();
            Map<String, Double> waits = stack.scheduledWaits();
            measured.forEach(id -> ours.add(spans.get(id)));
            measured.forEach(id -> oursScheduled.add(waits.get(id)));
            assembly = (stack.workerSum("goblina_assembly_seconds_sum") - assembledBefore) / PROJECTS;
            providerCalls = (stack.workerSum("goblina_provider_call_seconds_sum") - calledBefore) / PROJECTS;
            jobs = stack.jobCounts();
            jobTimes = stack.jobTimes(Set.copyOf(measured));
            pollDelay = stack.pollDelaySeconds();
        }
        List<Double> bare = new ArrayList<>();
        List<Double> bareScheduled = new ArrayList<>();
        try (BareJobRunrChains chains = BareJobRunrChains.start(TestPostgres.newDatabase(), WORKERS, THREADS,
                BenchStack.SCENES, Duration.ofMillis(Math.round(pollDelay * 1000)))) {
            chains.warmUp(WARM_UP, WARM_UP_AT_ONCE);
            for (int i = 0; i < PROJECTS; i++) {
                BareJobRunrChains.Run run = chains.runOne();
                bare.add(run.span().toNanos() / 1e9);
                bareScheduled.add(run.scheduledWait().toNanos() / 1e9);
            }
        }

        List<Double> oursUnscheduled = minus(ours, oursScheduled);
        List<Double> bareUnscheduled = minus(bare, bareScheduled);
        double oursMedian = Percentiles.median(oursUnscheduled);
        double bareMedian = Percentiles.median(bareUnscheduled);
        int jobsPerProject = jobs.values().stream().mapToInt(Integer::intValue).sum() / (PROJECTS + WARM_UP);
        StringBuilder table = new StringBuilder();
        table.append(String.format("Orchestration overhead: %d projects one at a time, %d scenes, providers answering"
                + " at once, %d workers x %d threads (s)%n", PROJECTS, BenchStack.SCENES, WORKERS, THREADS));
        table.append(String.format("jobs per project: %s (%d); first clip poll due %.2f s after the submit%n", jobs,
                jobsPerProject, pollDelay));
        table.append(String.format("%-52s %8s %8s %8s%n", "", "p50", "p90", "max"));
        table.append(row("ours: project span", ours));
        table.append(row("ours: of which submit -> poll (JobRunr's sweep)", oursScheduled));
        table.append(row("ours: span without that hop", oursUnscheduled));
        table.append(row("bare no-op jobs: chain span", bare));
        table.append(row("bare no-op jobs: of which submit -> poll", bareScheduled));
        table.append(row("bare no-op jobs: span without that hop", bareUnscheduled));
        table.append(String.format("%-52s %8.3f%n", "ours: assembly (FFmpeg) per project, mean", assembly));
        table.append(String.format("%-52s %8.3f%n", "ours: provider HTTP time per project, mean",
                providerCalls));
        table.append(String.format("%nper job of ours (s): %-31s %8s %8s %8s %8s%n", "", "wait p50", "wait p90", "run p50",
                "run p90"));
        jobTimes.forEach((job, runs) -> {
            List<Double> waited = runs.stream().map(run -> run[0]).toList();
            List<Double> ran = runs.stream().map(run -> run[1]).toList();
            table.append(String.format("  %-50s %8.3f %8.3f %8.3f %8.3f%n", job + " (" + runs.size() + ")",
                    Percentiles.of(waited, 50), Percentiles.of(waited, 90), Percentiles.of(ran, 50),
                    Percentiles.of(ran, 90)));
        });
        table.append(String.format("Overhead ratio without the scheduled hop, ours / (bare + assembly): %.3fx (p50)%n",
                oursMedian / (bareMedian + assembly)));
        table.append(String.format("Whole spans, ours / (bare + assembly): %.3fx (p50)%n",
                Percentiles.median(ours) / (Percentiles.median(bare) + assembly)));
        table.append(String.format("Orchestration beyond JobRunr, without the scheduled hop: %.0f ms per project,"
                + " %.0f ms per job%n", (oursMedian - bareMedian - assembly) * 1000,
                (oursMedian - bareMedian - assembly) * 1000 / jobsPerProject));
        System.out.println(table);
        Path out = BenchStack.REPO_ROOT.resolve("launcher/target/bench");
        Files.createDirectories(out);
        Files.writeString(out.resolve("overhead.txt"), table.toString());
        assertThat(ours).hasSize(PROJECTS).doesNotContainNull();
    }

    private static List<Double> minus(List<Double> spans, List<Double> hops) {
        List<Double> rest = new ArrayList<>();
        for (int i = 0; i < spans.size(); i++) {
            rest.add(spans.get(i) - hops.get(i));
        }
        return rest;
    }

    private static String row(String name, List<Double> seconds) {
        return String.format("%-52s %8.3f %8.3f %8.3f%n", name, Percentiles.of(seconds, 50), Percentiles.of(seconds, 90),
                Percentiles.of(seconds, 100));
    }
}
