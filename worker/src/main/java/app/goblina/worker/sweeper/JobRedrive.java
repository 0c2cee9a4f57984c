package app.goblina.worker.sweeper;

import app.goblina.jobs.JobQueue;
import app.goblina.jobs.PipelineJob;
import app.goblina.worker.failedjobs.FailureWording;
import app.goblina.worker.failedjobs.JobsFailedForGood;
import jakarta.inject.Singleton;
import org.jobrunr.jobs.Job;
import org.jobrunr.storage.JobNotFoundException;
import org.jobrunr.storage.ConcurrentJobModificationException;
import org.jobrunr.storage.StorageProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure the job a running record needs is live, whatever became of it, through JobRunr's own API: an enqueue
 * JobRunr would skip because the id exists is no re-drive.
 * <ul>
 *   <li>enqueued, scheduled, processing or awaiting: live, nothing to do (a job whose worker died is JobRunr's
 *       orphan task's, which fails it and lets the retry filter schedule it again);</li>
 *   <li>missing (never enqueued: a crash between a commit and its enqueue, or deleted for good): created;</li>
 *   <li>succeeded or deleted while its record still waits for it: requeued, the same job again;</li>
 *   <li>failed: JobRunr gave up on it, and recording that on the record did not happen (the database was down
 *       when the job server's filter ran): recorded now, the same way.</li>
 * </ul>
 */
@Singleton
public class JobRedrive {

    private static final Logger LOG = LoggerFactory.getLogger(JobRedrive.class);

    /** What {@link #ensureLive} found and did. */
    public enum Outcome { LIVE, CREATED, REQUEUED, FAILED_FOR_GOOD }

    private final StorageProvider storage;
    private final JobQueue jobs;
    private final JobsFailedForGood failedForGood;

    public JobRedrive(StorageProvider storage, JobQueue jobs, JobsFailedForGood failedForGood) {
        this.storage = storage;
        this.jobs = jobs;
        this.failedForGood = failedForGood;
    }

    public Outcome ensureLive(PipelineJob needed) {
        Job existing;
        try {
            existing = storage.getJobById(needed.jobId());
        } catch (JobNotFoundException missing) {
            jobs.enqueue(needed);
            LOG.info("Re-driven: {} had no job; created", needed.displayName());
            return Outcome.CREATED;
        }
        return switch (existing.getState()) {
            case ENQUEUED, SCHEDULED, PROCESSING, AWAITING -> Outcome.LIVE;
            case SUCCEEDED, DELETED -> requeue(needed, existing);
            case FAILED -> {
                failedForGood.record(needed, FailureWording.of(existing));
                yield Outcome.FAILED_FOR_GOOD;
            }
        };
    }

    private Outcome requeue(PipelineJob needed, Job existing) {
        try {
            existing.enqueue();
            storage.save(existing);
            LOG.info("Re-driven: {} was {} while its record still waited for it; requeued", needed.displayName(),
                    existing.getJobStates().get(existing.getJobStates().size() - 2).getName());
            return Outcome.REQUEUED;
        } catch (ConcurrentJobModificationException raced) {
            // another worker moved the job meanwhile: it is live again or done, and the next sweep looks again
            return Outcome.LIVE;
        }
    }
}
