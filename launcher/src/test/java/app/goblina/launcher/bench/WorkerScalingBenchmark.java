package app.goblina.launcher.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code ./goblina bench}: projects per second on 1, 2 and 4 worker processes, on CPU-light work. The video fake
 * takes 3 s to render and 0.3 to 1.5 s to answer each call (creates, polls, downloads), so a worker's job threads
 * (4 each here) spend their time waiting on the provider, as they do on real providers. Its clips are already in
 * the short's format and the projects ask for a cut with nothing re-encoded ({@link BenchStack#STREAM_COPIED}), so
 * the assembly joins them by copy instead of spending a second of CPU per project: on a 2-core machine a re-encoded
 * assembly per project would make the benchmark measure the CPU rather than the workers.
 *
 * <p>Throughput is measured in steady state: a closed loop keeps {@value #IN_FLIGHT} projects under way (a new one
 * is sent as each ends), and after a warm-up the projects that end within a fixed window are counted. (A batch sent
 * at once and timed to its last end measured the batch's tail as much as the rate.) The machine's CPU use over the
 * window is printed beside each rate, from {@code /proc/stat}, so a rate capped by the CPU shows as such, and so is
 * the workers' mean assembly time. With {@code -Dgoblina.bench.scaling.reencoded=true} the same workload also runs
 * on 1 and 2 workers with small clips that every assembly scales and re-encodes. Runs only with
 * {@code -Dgoblina.bench=true}.
 */
class WorkerScalingBenchmark {

    private static final int IN_FLIGHT = Integer.getInteger("goblina.bench.scaling.inflight", 32);
    private static final Duration WARM_UP = Duration.ofSeconds(Integer.getInteger("goblina.bench.scaling.warmup", 25));
    private static final Duration WINDOW = Duration.ofSeconds(Integer.getInteger("goblina.bench.scaling.window", 60));
    private static final int THREADS = 4;
    private static final Duration RENDER = Duration.ofSeconds(3);
    private static final Duration LATENCY = Duration.ofMillis(1500);

    /** One worker count's measurement. */
    private record Rate(int workers, int ended, double seconds, double cpuBusy, int cores, double assemblySeconds,
            Map<String, Object> options) {

        double perSecond() {
            return ended / seconds;
        }
    }

    @Test
    void throughputOnOneTwoAndFourWorkerProcesses() throws Exception {
        assumeTrue(Boolean.getBoolean("goblina.bench"), "run with ./goblina bench");
        List<Rate> rates = new ArrayList<>();
        for (int workers : new int[] {1, 2, 4}) {
            rates.add(run(workers, true));
        }
        if (Boolean.getBoolean("goblina.bench.scaling.reencoded")) {
            // the same workload with each project's assembly re-encoded: what the CPU allows on this machine
            for (int workers : new int[] {1, 2}) {
                rates.add(run(workers, false));
            }
        }
        StringBuilder table = new StringBuilder();
        table.append(String.format("Throughput: %d projects of %d scenes kept under way; %d job threads per worker;"
                + " fake renders %d s, answers in 0.3-%.1f s; clips joined by copy%n", IN_FLIGHT, BenchStack.SCENES,
                THREADS, RENDER.toSeconds(), LATENCY.toMillis() / 1000.0));
        table.append(String.format("Counted: projects ending in a %d s window after a %d s warm-up%n",
                WINDOW.toSeconds(), WARM_UP.toSeconds()));
        table.append(String.format("%-8s | %8s %10s %10s %9s | %-22s | %s%n", "workers", "ended", "window s",
                "projects/s", "vs 1", "machine CPU busy", "assembly mean s"));
        for (Rate rate : rates) {
            Rate first = rates.stream().filter(one -> one.options().equals(rate.options())).findFirst().orElseThrow();
            table.append(String.format("%-8d | %8d %10.1f %10.3f %8.2fx | %5.1f%% of %d cores       | %.3f%s%n",
                    rate.workers(), rate.ended(), rate.seconds(), rate.perSecond(), rate.perSecond() / first.perSecond(),
                    rate.cpuBusy() * 100, rate.cores(), rate.assemblySeconds(),
                    rate.options().equals(BenchStack.STREAM_COPIED) ? "" : " (re-encoded)"));
        }
        System.out.println(table);
        Path out = BenchStack.REPO_ROOT.resolve("launcher/target/bench");
        Files.createDirectories(out);
        Files.writeString(out.resolve("scaling.txt"), table.toString());
        assertThat(rates).allSatisfy(rate -> assertThat(rate.ended()).as("projects ended in the window").isPositive());
    }

    private static Rate run(int workers, boolean streamCopied) throws Exception {
        Path dir = Files.createTempDirectory("goblina-bench-scaling");
        Map<String, Object> options = streamCopied ? BenchStack.STREAM_COPIED : BenchStack.REENCODED;
        Path clip = streamCopied ? ProviderClips.inOutputFormat(dir) : ProviderClips.small(dir);
        try (BenchStack stack = BenchStack.start(workers, THREADS, RENDER, LATENCY, dir, clip, options)) {
            stack.awaitDone(List.of(stack.submit("warm-up")), Duration.ofMinutes(3));
            int sent = 1;
            long started = System.nanoTime();
            long windowStart = started + WARM_UP.toNanos();
            long windowEnd = windowStart + WINDOW.toNanos();
            Integer endedAtStart = null;
            CpuTimes cpuAtStart = null;
            while (true) {
                Map<String, Integer> byStatus = stack.projectsByStatus();
                if (byStatus.getOrDefault("FAILED", 0) + byStatus.getOrDefault("CANCELLED", 0) > 0) {
                    throw new IllegalStateException("a project did not end DONE: " + byStatus);
                }
                int ended = byStatus.getOrDefault("DONE", 0);
                long now = System.nanoTime();
                if (endedAtStart == null && now >= windowStart) {
                    endedAtStart = ended;
                    cpuAtStart = CpuTimes.now();
                    windowStart = now;
                }
                if (endedAtStart != null && now >= windowEnd) {
                    CpuTimes cpu = CpuTimes.now();
                    double assembly = stack.workerSum("goblina_assembly_seconds_sum")
                            / Math.max(1, stack.workerSum("goblina_assembly_seconds_count"));
                    return new Rate(workers, ended - endedAtStart, (now - windowStart) / 1e9, cpu.busySince(cpuAtStart),
                            Runtime.getRuntime().availableProcessors(), assembly, options);
                }
                for (; sent - ended < IN_FLIGHT; sent++) {
                    stack.submit("goblin market day " + sent);
                }
                Thread.sleep(200);
            }
        }
    }

    /** The machine's CPU time so far, from the first line of {@code /proc/stat} (in clock ticks). */
    private record CpuTimes(long busy, long total) {

        static CpuTimes now() throws java.io.IOException {
            String[] fields = Files.readAllLines(Path.of("/proc/stat")).getFirst().trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < fields.length && i <= 8; i++) {
                total += Long.parseLong(fields[i]);
            }
            long idle = Long.parseLong(fields[4]) + Long.parseLong(fields[5]);
            return new CpuTimes(total - idle, total);
        }

        double busySince(CpuTimes earlier) {
            return (double) (busy - earlier.busy) / Math.max(1, total - earlier.total);
        }
    }
}
