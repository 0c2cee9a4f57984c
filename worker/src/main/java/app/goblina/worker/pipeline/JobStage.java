package app.goblina.worker.pipeline;

import app.goblina.failures.PermanentFailure;
import app.goblina.failures.TransientFailure;
import app.goblina.jobs.PipelineJob;

/**
 * The work behind one kind of pipeline job. Every stage is idempotent: it loads its records, does nothing when
 * they have moved past it, and writes results so that running it twice leaves one result.
 *
 * <p>Throws {@link TransientFailure} (or any other exception) to be retried by JobRunr, and
 * {@link PermanentFailure} after recording the failure on its records, to stop without retries.
 */
public interface JobStage<T extends PipelineJob> {

    Class<T> jobType();

    void run(T job) throws Exception;
}
