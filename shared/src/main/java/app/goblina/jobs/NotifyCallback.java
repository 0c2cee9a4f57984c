package app.goblina.jobs;

import app.goblina.domain.Stage;
import jakarta.inject.Singleton;
import java.util.UUID;
import org.jobrunr.jobs.lambdas.JobRequestHandler;
import org.jobrunr.server.runner.ThreadLocalJobContext;

/**
 * Tells a project's callback URL that the project ended (DONE, FAILED or CANCELLED): one signed POST per run,
 * retried by JobRunr with the callback schedule until the receiver accepts it or the attempts run out. A project
 * ends once, so its one completion event has one job id, and enqueueing it again (the stage that ended the project,
 * the sweeper) starts nothing twice.
 */
public record NotifyCallback(UUID tenantId, UUID projectId) implements PipelineJob {

    @Override
    public Class<Handler> getJobRequestHandler() {
        return Handler.class;
    }

    @Override
    public UUID jobId() {
        return JobIds.of(projectId, "callback");
    }

    @Override
    public String displayName() {
        return "Notify callback of project " + projectId;
    }

    @Override
    public Stage stage() {
        return Stage.CALLBACK;
    }

    @Override
    public UUID projectId() {
        return projectId;
    }

    /** Hands the job to the worker's {@link StageRunner}. */
    @Singleton
    public static final class Handler implements JobRequestHandler<NotifyCallback> {

        private final StageRunner runner;

        public Handler(StageRunner runner) {
            this.runner = runner;
        }

        @Override
        public void run(NotifyCallback job) throws Exception {
            runner.run(job, ThreadLocalJobContext.getJobContext());
        }
    }
}
