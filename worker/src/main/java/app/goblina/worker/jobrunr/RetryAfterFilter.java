package app.goblina.worker.jobrunr;

import app.goblina.failures.TransientFailure;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.jobrunr.jobs.Job;
import org.jobrunr.jobs.filters.ElectStateFilter;
import org.jobrunr.jobs.states.FailedState;
import org.jobrunr.jobs.states.JobState;
import org.jobrunr.jobs.states.ScheduledState;

/**
 * When a provider said how long to wait (Retry-After, retry-after-ms), the retry of a transient failure happens
 * then; otherwise at JobRunr's exponential backoff with jitter added. Runs after JobRunr's RetryFilter: it only
 * moves a retry that was already decided, so the number of retries stays bounded.
 */
public class RetryAfterFilter implements ElectStateFilter {

    /** A provider asking for more than this is treated as this: a job should not sleep for hours. */
    static final Duration CEILING = Duration.ofMinutes(10);

    /**
     * JobRunr's own backoff plus up to a third more, at random: workers that failed together (a provider outage)
     * come back spread out instead of all at once.
     */
    private static Duration jittered(Job job) {
        Instant planned = ((ScheduledState) job.getJobState()).getScheduledAt();
        long millis = Math.max(0, Duration.between(Instant.now(), planned).toMillis());
        return Duration.ofMillis(millis + ThreadLocalRandom.current().nextLong(millis / 3 + 1));
    }

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
                if (failed.getException() instanceof TransientFailure transientFailure) {
                    Duration wait = transientFailure.retryAfter().orElseGet(() -> jittered(job));
                    Duration bounded = wait.compareTo(CEILING) > 0 ? CEILING : wait;
                    String why = transientFailure.retryAfter().isPresent() ? "as the provider asked" : "backoff with jitter";
                    job.scheduleAt(Instant.now().plus(bounded), "Retry after " + bounded.toMillis() + " ms, " + why);
                }
                return;
            }
        }
    }
}
