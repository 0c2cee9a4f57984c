package app.goblina.worker.sweeper;

import app.goblina.jobs.JobQueue;
import app.goblina.jobs.PipelineJob;
import app.goblina.worker.failedjobs.FailureWording;
import app.goblina.worker.failedjobs.JobsFailedForGood;
import app.goblina.worker.retries.RetryElection;
import app.goblina.worker.retries.RetryVerdict;
import jakarta.inject.Singleton;
import org.jobrunr.jobs.Job;
import org.jobrunr.jobs.states.FailedState;
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
 *   <li>failed, and the retry election gave up on it ({@link RetryVerdict}), but recording that on the record did
 *       not happen (the database was down when the job server's filter ran): recorded now, the same way;</li>
 *   <li>failed without a verdict: JobRunr settled it in FAILED without electing a retry (a race between its
 *       steward and the thread that ran the job, see {@link RetryVerdict}): elected now, by the same policy, so it
 *       is scheduled again or, past its bounds, failed for good.</li>
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

    private final RetryElection election;

    public JobRedrive(StorageProvider storage, JobQueue jobs, JobsFailedForGood failedForGood, RetryElection election) {
        this.storage = storage;
        this.jobs = jobs;
        this.failedForGood = failedForGood;
        this.election = election;
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
            case FAILED -> RetryVerdict.gaveUpOnLastFailure(existing) ? recordFailed(needed, existing) : elect(needed, existing);
        };
    }

    private Outcome recordFailed(PipelineJob needed, Job existing) {
        failedForGood.record(needed, FailureWording.of(existing));
        return Outcome.FAILED_FOR_GOOD;
    }

    private Outcome elect(PipelineJob needed, Job existing) {
        if (!election.elect(existing, existing.<FailedState>getJobState())) {
            return recordFailed(needed, existing);
        }
        try {
            storage.save(existing);
            LOG.info("Re-driven: {} was left failed without a retry decision; retry elected", needed.displayName());
            return Outcome.REQUEUED;
        } catch (ConcurrentJobModificationException raced) {
            return Outcome.LIVE;
        }
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
