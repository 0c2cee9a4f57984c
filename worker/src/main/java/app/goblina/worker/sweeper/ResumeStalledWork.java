package app.goblina.worker.sweeper;

import org.jobrunr.jobs.lambdas.JobRequest;

/**
 * The recurring sweep (see {@link StalledWorkSweeper}). It carries nothing: it looks for records that have sat in
 * a running state too long and enqueues their next job under its deterministic id.
 */
public record ResumeStalledWork() implements JobRequest {

    @Override
    public Class<StalledWorkSweeper> getJobRequestHandler() {
        return StalledWorkSweeper.class;
    }
}
