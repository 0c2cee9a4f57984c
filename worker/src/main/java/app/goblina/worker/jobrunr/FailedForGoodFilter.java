package app.goblina.worker.jobrunr;

import app.goblina.worker.failedjobs.FailureWording;
import app.goblina.worker.failedjobs.JobsFailedForGood;
import app.goblina.worker.metrics.PipelineMetrics;
import app.goblina.worker.retries.RetryElection;
import app.goblina.worker.retries.RetryVerdict;
import org.jobrunr.jobs.Job;
import org.jobrunr.jobs.filters.ApplyStateFilter;
import org.jobrunr.jobs.states.JobState;
import org.jobrunr.jobs.states.StateName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When JobRunr settles a job in FAILED (the retry filter declined another attempt), the record the job worked for
 * is failed with a readable reason. An apply-state filter rather than {@code onFailedAfterRetries}: JobRunr calls
 * that one only from the thread that ran the job, while a job orphaned by a dead worker is failed by the master's
 * orphan task, which runs apply-state filters too. The sweeper catches the case where this write itself fails.
 *
 * <p>Only a failure the retry election gave up on ({@link RetryVerdict}) counts: JobRunr's steward can run this
 * filter on a job that has just failed before the worker thread running it has elected its retry.
 */
public class FailedForGoodFilter implements ApplyStateFilter {

    private static final Logger LOG = LoggerFactory.getLogger(FailedForGoodFilter.class);

    private final JobsFailedForGood records;
    private final PipelineMetrics metrics;

    public FailedForGoodFilter(JobsFailedForGood records, PipelineMetrics metrics) {
        this.records = records;
        this.metrics = metrics;
    }

    @Override
    public void onStateApplied(Job job, JobState oldState, JobState newState) {
        // called again when the retry filter changed the state: act only on the job's final state
        if (job.getState() != StateName.FAILED || newState.getName() != StateName.FAILED) {
            return;
        }
        if (!RetryVerdict.gaveUpOnLastFailure(job)) {
            LOG.debug("{} is FAILED before its retry was elected; the election or the sweeper decides", job.getId());
            return;
        }
        RetryElection.pipelineJob(job).ifPresent(pipelineJob -> {
            metrics.failedForGood(pipelineJob.stage().wireName());
            try {
                records.record(pipelineJob, FailureWording.of(job));
            } catch (RuntimeException e) {
                LOG.warn("Could not record that {} failed for good; the sweeper will: {}", job.getId(), e.toString());
            }
        });
    }
}
