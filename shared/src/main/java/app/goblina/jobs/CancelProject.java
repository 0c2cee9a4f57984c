package app.goblina.jobs;

import app.goblina.domain.Stage;
import jakarta.inject.Singleton;
import java.util.UUID;
import org.jobrunr.jobs.lambdas.JobRequestHandler;
import org.jobrunr.server.runner.ThreadLocalJobContext;

/**
 * Carries a cancel to the providers: stops the project's running generations where the provider allows and
 * releases its cost reservations. The API marks the records cancelled at once; this job does the paid-side part.
 */
public record CancelProject(UUID tenantId, UUID projectId) implements PipelineJob {

    @Override
    public Class<Handler> getJobRequestHandler() {
        return Handler.class;
    }

    @Override
    public UUID jobId() {
        return JobIds.of(projectId, "cancel");
    }

    @Override
    public String displayName() {
        return "Cancel project " + projectId;
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
    public static final class Handler implements JobRequestHandler<CancelProject> {

        private final StageRunner runner;

        public Handler(StageRunner runner) {
            this.runner = runner;
        }

        @Override
        public void run(CancelProject job) throws Exception {
            runner.run(job, ThreadLocalJobContext.getJobContext());
        }
    }
}
