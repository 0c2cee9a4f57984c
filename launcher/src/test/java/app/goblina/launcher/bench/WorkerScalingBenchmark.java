package app.goblina.launcher.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * {@code ./goblina bench}: projects per second on 1, 2 and 4 worker processes. The work is CPU-light: the video
 * fake takes 3 s to render and 0.3 to 1.5 s to answer each call (creates, polls, downloads), so a worker's job
 * threads (4 each here) spend their time waiting on the provider, as they do on real providers; the assembly of a
 * small 720x1280 project is the only CPU work. All projects are submitted at once; the throughput is their count over
 * the time until the last one ends. Runs only with {@code -Dgoblina.bench=true}.
 */
class WorkerScalingBenchmark {

    private static final int PROJECTS = Integer.getInteger("goblina.bench.scaling.projects", 32);
    private static final int THREADS = 4;
    private static final Duration RENDER = Duration.ofSeconds(3);
    private static final Duration LATENCY = Duration.ofMillis(1500);

    @Test
    void throughputOnOneTwoAndFourWorkerProcesses() throws Exception {
        assumeTrue(Boolean.getBoolean("goblina.bench"), "run with ./goblina bench");
        int[] workerCounts = {1, 2, 4};
        double[] overall = new double[workerCounts.length];
        for (int i = 0; i < workerCounts.length; i++) {
            overall[i] = run(workerCounts[i]);
        }
        StringBuilder table = new StringBuilder();
        table.append(String.format("Throughput: %d projects of %d scenes submitted at once; %d job threads per"
                + " worker; fake renders %d s, answers in 0.3-%.1f s%n", PROJECTS, BenchStack.SCENES, THREADS,
                RENDER.toSeconds(), LATENCY.toMillis() / 1000.0));
        table.append(String.format("%-8s | %18s %10s%n", "workers", "projects/s", "vs 1"));
        for (int i = 0; i < workerCounts.length; i++) {
            table.append(String.format("%-8d | %18.3f %9.2fx%n", workerCounts[i], overall[i],
                    overall[i] / overall[0]));
        }
        System.out.println(table);
        Path out = BenchStack.REPO_ROOT.resolve("launcher/target/bench");
        Files.createDirectories(out);
        Files.writeString(out.resolve("scaling.txt"), table.toString());
        assertThat(java.util.Arrays.stream(overall).min().orElseThrow()).as("slowest rate").isPositive();
    }

    /**
     * Projects per second from the submission of the batch to the last project's end. (A rate between the 25th and
     * 75th percentile of ends is not used: with the batch submitted at once, ends come in bursts, and that window
     * measured a burst rather than throughput.)
     */
    private static double run(int workers) throws Exception {
        try (BenchStack stack = BenchStack.start(workers, THREADS, RENDER, LATENCY)) {
            stack.awaitDone(List.of(stack.submit("warm-up")), Duration.ofMinutes(3));
            double start = stack.databaseNow();
            List<String> ids = submitAll(stack);
            stack.awaitDone(ids, Duration.ofMinutes(20));
            List<Double> ends = stack.projectEnds(new HashSet<>(ids), start);
            return PROJECTS / Percentiles.of(ends, 100);
        }
    }

    private static List<String> submitAll(BenchStack stack) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> sent = new ArrayList<>();
            for (int i = 0; i < PROJECTS; i++) {
                String topic = "goblin market day " + i;
                sent.add(clients.submit(() -> stack.submit(topic)));
            }
            List<String> ids = new ArrayList<>();
            for (Future<String> one : sent) {
                ids.add(one.get());
            }
            return ids;
        } finally {
            clients.shutdownNow();
        }
    }
}
