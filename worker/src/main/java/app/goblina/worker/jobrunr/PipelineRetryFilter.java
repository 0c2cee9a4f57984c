package app.goblina.worker.jobrunr;

import app.goblina.worker.retries.RetryElection;
import org.jobrunr.jobs.Job;
import org.jobrunr.jobs.filters.RetryFilter;
import org.jobrunr.jobs.states.FailedState;
import org.jobrunr.jobs.states.JobState;

/**
 * The one elect-state filter of the job server: JobRunr keeps only the last {@code ElectStateFilter} it is given
 * ({@code AbstractJobFilters.keepOnlyLastElectStateFilter}) and drops its own RetryFilter when there is another,
 * so this extension of RetryFilter hands every failure to the pipeline's retry policy, {@link RetryElection}.
 */
public class PipelineRetryFilter extends RetryFilter {

    private final RetryElection election;

    public PipelineRetryFilter(RetryElection election) {
        this.election = election;
    }

    @Override
    public void onStateElection(Job job, JobState newState) {
        if (newState instanceof FailedState failed) {
            election.elect(job, failed);
        }
    }
}
