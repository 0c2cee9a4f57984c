package app.goblina.worker.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.goblina.worker.WorkerConfig;
import app.goblina.worker.limits.MediaSlots;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A worker's capacity as Prometheus reads it: its job threads against the pipeline jobs running on them, and its
 * FFmpeg slots against the renders holding them and the jobs waiting for one.
 */
class JobThreadsAndMediaSlotsAreGaugedTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void theThreadsAreTheConfiguredOnesAndAJobRunsFromItsStartToItsEndWhateverItsOutcome() {
        JobThreadMetrics threads = new JobThreadMetrics(registry, config(6, true, 1));
        PipelineMetrics pipeline = new PipelineMetrics(registry, threads);

        assertThat(gauge("goblina.worker.job.threads")).isEqualTo(6);
        assertThat(gauge("goblina.worker.jobs.running")).isZero();
        pipeline.started("clips", Duration.ZERO);
        pipeline.started("assembly", Duration.ZERO);
        pipeline.started("analysis", Duration.ZERO);
        assertThat(gauge("goblina.worker.jobs.running")).isEqualTo(3);
        pipeline.succeeded("clips", Duration.ofMillis(5));
        pipeline.failed("assembly", false, Duration.ofMillis(5));
        pipeline.failed("analysis", true, Duration.ofMillis(5));
        assertThat(gauge("goblina.worker.jobs.running")).isZero();
    }

    @Test
    void aProcessThatRunsNoJobServerHasNoJobThreads() {
        new JobThreadMetrics(registry, config(6, false, 1));

        assertThat(gauge("goblina.worker.job.threads")).isZero();
    }

    @Test
    void theSlotsCountWhatHoldsOneAndWhatWaitsForOne() throws Exception {
        MediaSlots slots = new MediaSlots(config(4, true, 2));
        new MediaSlotMetrics(registry, slots);
        assertThat(gauge("goblina.worker.media.slots")).isEqualTo(2);
        assertThat(gauge("goblina.worker.media.slots.busy")).isZero();
        assertThat(gauge("goblina.worker.media.jobs.waiting")).isZero();

        CountDownLatch release = new CountDownLatch(1);
        ExecutorService jobs = Executors.newFixedThreadPool(3);
        try {
            Future<?>[] running = new Future<?>[3];
            for (int i = 0; i < 3; i++) {
                running[i] = jobs.submit(() -> slots.run(() -> release.await(10, TimeUnit.SECONDS)));
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> gauge("goblina.worker.media.jobs.waiting") == 1);
            assertThat(gauge("goblina.worker.media.slots.busy")).isEqualTo(2);

            release.countDown();
            for (Future<?> job : running) {
                job.get(10, TimeUnit.SECONDS);
            }
            assertThat(gauge("goblina.worker.media.slots.busy")).isZero();
            assertThat(gauge("goblina.worker.media.jobs.waiting")).isZero();
        } finally {
            release.countDown();
            jobs.shutdownNow();
        }
    }

    private double gauge(String name) {
        return registry.get(name).gauge().value();
    }

    private static WorkerConfig config(int threads, boolean runServer, int mediaSlots) {
        return new WorkerConfig("gauged", threads, Duration.ofSeconds(5), runServer, mediaSlots, "data/work",
                Duration.ofMinutes(5), Duration.ofMinutes(30));
    }
}
