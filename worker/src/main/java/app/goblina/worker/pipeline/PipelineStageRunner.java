package app.goblina.worker.pipeline;

import app.goblina.failures.PermanentFailure;
import app.goblina.jobs.PipelineJob;
import app.goblina.jobs.StageRunner;
import app.goblina.persistence.JobRunRepository;
import jakarta.inject.Singleton;
import app.goblina.worker.metrics.PipelineMetrics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jobrunr.JobRunrException;
import org.jobrunr.jobs.context.JobContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the stage that matches a job, and keeps the books: when the job became due, when it started, when it
 * finished. A {@link PermanentFailure} reaches JobRunr as a do-not-retry failure, so the dashboard shows it failed
 * once instead of retrying what cannot succeed.
 */
@Singleton
public class PipelineStageRunner implements StageRunner {

    private static final Logger LOG = LoggerFactory.getLogger(PipelineStageRunner.class);

    private final Map<Class<?>, JobStage<?>> stages;
    private final JobRunRepository jobRuns;
    private final Clock clock;
    private final PipelineMetrics metrics;

    public PipelineStageRunner(List<JobStage<?>> stages, JobRunRepository jobRuns, Clock clock, PipelineMetrics metrics) {
        this.stages = stages.stream().collect(Collectors.toMap(JobStage::jobType, Function.identity()));
        this.jobRuns = jobRuns;
        this.clock = clock;
        this.metrics = metrics;
    }

    @Override
    public void run(PipelineJob job, JobContext context) throws Exception {
        JobStage<PipelineJob> stage = stageFor(job);
        Instant started = clock.instant();
        Instant ready = readyAt(job, context, started);
        jobRuns.recordStart(job.jobId(), job.tenantId(), job.projectId(), job.characterId(),
                job.getClass().getSimpleName(), job.stage().wireName(), ready, started);
        String stageName = job.stage().wireName();
        metrics.started(stageName, Duration.between(ready, started));
        long runStart = System.nanoTime();
        try {
            stage.run(job);
            metrics.succeeded(stageName, Duration.ofNanos(System.nanoTime() - runStart));
        } catch (PermanentFailure failure) {
            metrics.failed(stageName, true, Duration.ofNanos(System.nanoTime() - runStart));
            LOG.info("{} failed permanently: {}", job.displayName(), failure.reason());
            throw new JobRunrException(failure.reason(), true, failure);
        } catch (Exception | Error failure) {
            metrics.failed(stageName, false, Duration.ofNanos(System.nanoTime() - runStart));
            throw failure;
        } finally {
            jobRuns.recordFinish(job.jobId(), clock.instant());
        }
    }

    @SuppressWarnings("unchecked")
    private JobStage<PipelineJob> stageFor(PipelineJob job) {
        JobStage<?> stage = stages.get(job.getClass());
        if (stage == null) {
            throw new IllegalStateException("No stage runs " + job.getClass().getName());
        }
        return (JobStage<PipelineJob>) stage;
    }

    /** A scheduled job was due at its time, not when it was created; an enqueued one when it was created. */
    private static Instant readyAt(PipelineJob job, JobContext context, Instant fallback) {
        Instant created = context == null || context.getCreatedAt() == null ? fallback : context.getCreatedAt();
        Instant notBefore = job.notBefore();
        return notBefore != null && notBefore.isAfter(created) ? notBefore : created;
    }
}
