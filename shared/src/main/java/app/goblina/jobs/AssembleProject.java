package app.goblina.jobs;

import app.goblina.domain.Stage;
import jakarta.inject.Singleton;
import java.util.UUID;
import org.jobrunr.jobs.lambdas.JobRequestHandler;
import org.jobrunr.server.runner.ThreadLocalJobContext;

/** Joins a project's clips into the finished short. */
public record AssembleProject(UUID tenantId, UUID projectId) implements PipelineJob {

    @Override
    public Class<Handler> getJobRequestHandler() {
        return Handler.class;
    }

    @Override
    public UUID jobId() {
        return JobIds.of(projectId, "assemble");
    }

    @Override
    public String displayName() {
        return "Assemble project " + projectId;
    }

    @Override
    public Stage stage() {
        return Stage.ASSEMBLY;
    }

    @Override
    public UUID projectId() {
        return projectId;
    }

    /** Hands the job to the worker's {@link StageRunner}. */
    @Singleton
    public static final class Handler implements JobRequestHandler<AssembleProject> {

        private final StageRunner runner;

        public Handler(StageRunner runner) {
            this.runner = runner;
        }

        @Override
        public void run(AssembleProject job) throws Exception {
            runner.run(job, ThreadLocalJobContext.getJobContext());
        }
    }
}
