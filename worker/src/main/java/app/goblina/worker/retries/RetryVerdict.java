package app.goblina.worker.retries;

import org.jobrunr.jobs.Job;
import org.jobrunr.jobs.states.StateName;

/**
 * The mark {@link RetryElection} leaves on a job whose last failure it will not retry, stored with the job in
 * JobRunr's metadata (the dashboard shows it). A job that is FAILED without this mark on its last state was never
 * given up on: JobRunr settled it in FAILED without the election having run on that failure.
 *
 * <p>That happens. JobRunr's steward saves the jobs a server is running every poll interval, on the same
 * {@link Job} objects its worker threads move on, and runs the apply-state filters of each job it saved. When a job
 * fails while the steward is saving it, the steward's filters can see the FAILED state before the worker thread has
 * elected a retry, or take the state change from it so that the worker thread elects nothing. Recording a failure
 * for good only on this mark, and having the sweeper elect again for a FAILED job without it, keeps such a race
 * from failing a project that should have been retried.
 */
public final class RetryVerdict {

    /** The metadata key; its value is the index of the failed state in the job's history. */
    static final String GAVE_UP_ON = "goblina-gave-up-on-state";

    private RetryVerdict() {
    }

    /** Marks the job's last state, a failure, as one no retry follows. */
    public static void gaveUp(Job job) {
        job.getMetadata().put(GAVE_UP_ON, String.valueOf(job.getJobStates().size() - 1));
    }

    /** Whether the job is FAILED and its retry election gave up on exactly that failure. */
    public static boolean gaveUpOnLastFailure(Job job) {
        return job.getState() == StateName.FAILED
                && String.valueOf(job.getJobStates().size() - 1).equals(String.valueOf(job.getMetadata().get(GAVE_UP_ON)));
    }
}
