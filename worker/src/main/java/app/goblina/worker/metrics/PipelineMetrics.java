package app.goblina.worker.metrics;

import app.goblina.domain.Stage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;

/**
 * The pipeline's job metrics, per stage ({@code analysis}, {@code scenarios}, {@code clips}, {@code narration},
 * {@code assembly}, {@code cancel}):
 * <ul>
 *   <li>{@code goblina_jobs_started_total}, {@code goblina_jobs_succeeded_total},
 *       {@code goblina_jobs_failed_total{kind="retryable|permanent"}}: every run of a job;</li>
 *   <li>{@code goblina_job_retries_total{reason}}: retries JobRunr scheduled, by what sent the job back;</li>
 *   <li>{@code goblina_jobs_failed_for_good_total}: jobs out of retries or failed permanently, their record failed;</li>
 *   <li>{@code goblina_job_queue_wait_seconds}: from when the job was due to when a worker started it;</li>
 *   <li>{@code goblina_job_run_seconds{outcome}}: how long it ran;</li>
 *   <li>{@code goblina_assembly_realtime_factor}: seconds of short made per second of assembly.</li>
 *   <li>{@code goblina_assembly_seconds}: how long each assembly took.</li>
 * </ul>
 * Each run also counts as running in {@link JobThreadMetrics} from its start to its end.
 */
@Singleton
public class PipelineMetrics {

    private static final Duration[] WAIT_BUCKETS = {
        Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100),
        Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500),
        Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(60),
        Duration.ofSeconds(300)};

    private final MeterRegistry registry;
    private final JobThreadMetrics jobThreads;

    public PipelineMetrics(MeterRegistry registry, JobThreadMetrics jobThreads) {
        this.registry = registry;
        this.jobThreads = jobThreads;
        // failures and retries counted from zero, so a dashboard shows 0 rather than "no data" until the first one
        for (Stage stage : Stage.values()) {
            String name = stage.wireName();
            for (String kind : List.of("retryable", "permanent")) {
                failedCounter(name, kind);
            }
            for (String reason : List.of("work", "rate_limited", "process_death", "held_back")) {
                retryCounter(name, reason);
            }
            failedForGoodCounter(name);
        }
    }

    public void started(String stage, Duration queueWait) {
        jobThreads.started();
        Counter.builder("goblina.jobs.started").description("Pipeline job runs started")
                .tag("stage", stage).register(registry).increment();
        Timer.builder("goblina.job.queue.wait").description("Time from a job being due to a worker starting it")
                .tag("stage", stage).serviceLevelObjectives(WAIT_BUCKETS)
                .register(registry).record(queueWait.isNegative() ? Duration.ZERO : queueWait);
    }

    public void succeeded(String stage, Duration ran) {
        jobThreads.finished();
        Counter.builder("goblina.jobs.succeeded").description("Pipeline job runs that succeeded")
                .tag("stage", stage).register(registry).increment();
        run(stage, "succeeded", ran);
    }

    /** @param permanent the failure can never succeed on a retry */
    public void failed(String stage, boolean permanent, Duration ran) {
        jobThreads.finished();
        failedCounter(stage, permanent ? "permanent" : "retryable").increment();
        run(stage, "failed", ran);
    }

    /** @param reason what sent the job back: work, rate_limited, process_death or held_back */
    public void retried(String stage, String reason) {
        retryCounter(stage, reason).increment();
    }

    public void failedForGood(String stage) {
        failedForGoodCounter(stage).increment();
    }

    public void assembled(double shortSeconds, Duration took) {
        if (took.isZero() || took.isNegative()) {
            return;
        }
        io.micrometer.core.instrument.DistributionSummary.builder("goblina.assembly.realtime.factor")
                .description("Seconds of short made per second of assembly (above 1 is faster than real time)")
                .serviceLevelObjectives(0.25, 0.5, 1, 2, 4, 8, 16)
                .register(registry).record(shortSeconds / (took.toNanos() / 1e9));
        Timer.builder("goblina.assembly").description("How long assemblies took, from clips to the stored short")
                .serviceLevelObjectives(Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(15),
                        Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(3), Duration.ofMinutes(10))
                .register(registry).record(took);
    }

    private Counter failedCounter(String stage, String kind) {
        return Counter.builder("goblina.jobs.failed").description("Pipeline job runs that failed")
                .tag("stage", stage).tag("kind", kind).register(registry);
    }

    private Counter retryCounter(String stage, String reason) {
        return Counter.builder("goblina.job.retries").description("Retries of pipeline jobs scheduled by JobRunr")
                .tag("stage", stage).tag("reason", reason).register(registry);
    }

    private Counter failedForGoodCounter(String stage) {
        return Counter.builder("goblina.jobs.failed.for.good")
                .description("Pipeline jobs that failed for good (out of retries, or a permanent failure)")
                .tag("stage", stage).register(registry);
    }

    private void run(String stage, String outcome, Duration ran) {
        Timer.builder("goblina.job.run").description("How long pipeline jobs ran")
                .tag("stage", stage).tag("outcome", outcome).serviceLevelObjectives(WAIT_BUCKETS)
                .register(registry).record(ran);
    }
}
