package app.goblina.worker.metrics;

import app.goblina.worker.WorkerConfig;
import io.micronaut.context.annotation.Context;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How busy this worker's job threads are:
 * <ul>
 *   <li>{@code goblina_worker_job_threads}: the threads its job server runs ({@code GOBLINA_WORKER_THREADS}),
 *       0 in a process that runs no job server;</li>
 *   <li>{@code goblina_worker_jobs_running}: pipeline jobs running in it now, each on one of those threads.</li>
 * </ul>
 * Running equal to threads for long means the worker takes no more work: the queue waits for a free thread.
 */
@Context
public class JobThreadMetrics {

    private final AtomicInteger running = new AtomicInteger();

    public JobThreadMetrics(MeterRegistry registry, WorkerConfig config) {
        int threads = config.runServer() ? config.threads() : 0;
        Gauge.builder("goblina.worker.job.threads", () -> threads)
                .description("Job threads this worker's job server runs (0 when it runs none)").register(registry);
        Gauge.builder("goblina.worker.jobs.running", running, AtomicInteger::get).strongReference(true)
                .description("Pipeline jobs running in this worker now").register(registry);
    }

    /** A pipeline job began to run on one of the threads. */
    void started() {
        running.incrementAndGet();
    }

    /** A pipeline job that {@link #started()} is done, whatever its outcome. */
    void finished() {
        running.updateAndGet(n -> Math.max(0, n - 1));
    }

    /** Pipeline jobs running now. */
    public int running() {
        return running.get();
    }
}
