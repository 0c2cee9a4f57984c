package app.goblina.jobs;

import jakarta.inject.Singleton;
import java.time.Instant;
import org.jobrunr.scheduling.JobBuilder;
import org.jobrunr.scheduling.JobRequestScheduler;

/**
 * Puts pipeline jobs into JobRunr's tables under their deterministic ids. Enqueueing the same job twice is
 * harmless: JobRunr keeps the first and ignores the second. Each enqueue is followed by a {@link NewWorkSignal},
 * so a free worker starts it within milliseconds rather than at its next poll.
 */
@Singleton
public class JobQueue {

    private final JobRequestScheduler scheduler;
    private final NewWorkSignal signal;

    public JobQueue(JobRequestScheduler scheduler, NewWorkSignal signal) {
        this.scheduler = scheduler;
        this.signal = signal;
    }

    /** Runs the job as soon as a worker is free, and wakes the workers so one takes it now. */
    public void enqueue(PipelineJob job) {
        scheduler.create(builder(job));
        signal.send();
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
