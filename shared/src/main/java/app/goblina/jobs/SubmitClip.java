package app.goblina.jobs;

import app.goblina.domain.Stage;
import jakarta.inject.Singleton;
import java.util.UUID;
import org.jobrunr.jobs.lambdas.JobRequestHandler;
import org.jobrunr.server.runner.ThreadLocalJobContext;

/**
 * Starts one clip's generation at the provider (paid, submit-once). A submission held back by the shared rate
 * limit is retried in place by JobRunr at the time the limit names, so a clip has one submit job, always.
 */
public record SubmitClip(UUID tenantId, UUID projectId, UUID clipId) implements PipelineJob {

    @Override
    public Class<Handler> getJobRequestHandler() {
        return Handler.class;
    }

    @Override
    public UUID jobId() {
        return JobIds.of(clipId, "submit");
    }

    @Override
    public String displayName() {
        return "Submit clip " + clipId;
    }

    @Override
    public Stage stage() {
        return Stage.CLIPS;
    }

    @Override
    public UUID projectId() {
        return projectId;
    }

    /** Hands the job to the worker's {@link StageRunner}. */
    @Singleton
    public static final class Handler implements JobRequestHandler<SubmitClip> {

        private final StageRunner runner;

        public Handler(StageRunner runner) {
            this.runner = runner;
        }

        @Override
        public void run(SubmitClip job) throws Exception {
            runner.run(job, ThreadLocalJobContext.getJobContext());
        }
    }
}
