package app.goblina.jobs;

import jakarta.inject.Singleton;
import java.time.Instant;
import org.jobrunr.scheduling.JobBuilder;
import org.jobrunr.scheduling.JobRequestScheduler;

/**
 * Puts pipeline jobs into JobRunr's tables under their deterministic ids. Enqueueing the same job twice is
 * harmless: JobRunr keeps the first and ignores the second.
 */
@Singleton
public class JobQueue {

    private final JobRequestScheduler scheduler;

    public JobQueue(JobRequestScheduler scheduler) {
        this.scheduler = scheduler;
    }

    /** Runs the job as soon as a worker is free. */
    public void enqueue(PipelineJob job) {
        scheduler.create(builder(job));
    }

    /**
     * Runs the job no earlier than {@code at}. A time already past is an enqueue: a scheduled job waits for the
     * next sweep of due jobs before it is even queued, one poll interval lost.
     */
    public void schedule(PipelineJob job, Instant at) {
        if (!at.isAfter(Instant.now())) {
            enqueue(job);
            return;
        }
        scheduler.create(builder(job).scheduleAt(at));
    }

    private static JobBuilder builder(PipelineJob job) {
        return JobBuilder.aJob()
                .withId(job.jobId())
                .withName(job.displayName())
                .withLabels(job.stage().wireName())
                .withJobRequest(job);
    }
}
