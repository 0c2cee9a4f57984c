package app.goblina.worker.jobrunr;

import app.goblina.failures.TransientFailure;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jobrunr.jobs.Job;
import org.jobrunr.jobs.filters.ElectStateFilter;
import org.jobrunr.jobs.states.FailedState;
import org.jobrunr.jobs.states.JobState;
import org.jobrunr.jobs.states.ScheduledState;

/**
 * When a provider said how long to wait (Retry-After, retry-after-ms), the retry happens then, not at JobRunr's
 * own exponential backoff. Runs after JobRunr's RetryFilter: it only moves a retry that was already decided, so
 * the number of retries stays bounded.
 */
public class RetryAfterFilter implements ElectStateFilter {

    /** A provider asking for more than this is treated as this: a job should not sleep for hours. */
    static final Duration CEILING = Duration.ofMinutes(10);

    @Override
    public void onStateElection(Job job, JobState newState) {
        // JobRunr's RetryFilter turns the failure into a ScheduledState; whichever state this filter is shown,
        // it acts only once that retry exists.
        if (!(job.getJobState() instanceof ScheduledState)) {
            return;
        }
        List<JobState> states = job.getJobStates();
        for (int i = states.size() - 1; i >= 0; i--) {
            if (states.get(i) instanceof FailedState failed) {
                if (failed.getException() instanceof TransientFailure transientFailure
                        && transientFailure.retryAfter().isPresent()) {
                    Duration wait = transientFailure.retryAfter().get();
                    Duration bounded = wait.compareTo(CEILING) > 0 ? CEILING : wait;
                    job.scheduleAt(Instant.now().plus(bounded), "Retry after " + bounded.toMillis() + " ms, as the provider asked");
                }
                return;
            }
        }
    }
}
