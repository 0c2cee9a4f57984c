package app.goblina.jobs;

import org.jobrunr.jobs.context.JobContext;

/**
 * Runs the stage behind a pipeline job. The worker provides the only implementation; the API never runs jobs,
 * it only enqueues them, which is why handlers live here and delegate.
 */
public interface StageRunner {

    void run(PipelineJob job, JobContext context) throws Exception;
}
