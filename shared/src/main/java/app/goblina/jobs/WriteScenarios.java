package app.goblina.jobs;

import app.goblina.domain.Stage;
import jakarta.inject.Singleton;
import java.util.UUID;
import org.jobrunr.jobs.lambdas.JobRequestHandler;
import org.jobrunr.server.runner.ThreadLocalJobContext;

/** Writes a project's scenarios, then fans out one clip submission per scenario. */
public record WriteScenarios(UUID tenantId, UUID projectId) implements PipelineJob {

    @Override
    public Class<Handler> getJobRequestHandler() {
        return Handler.class;
    }

    @Override
    public UUID jobId() {
        return JobIds.of(projectId, "write-scenarios");
    }

    @Override
    public String displayName() {
        return "Write scenarios for project " + projectId;
    }

    @Override
    public Stage stage() {
        return Stage.SCENARIOS;
    }

    @Override
    public UUID projectId() {
        return projectId;
    }

    /** Hands the job to the worker's {@link StageRunner}. */
    @Singleton
    public static final class Handler implements JobRequestHandler<WriteScenarios> {

        private final StageRunner runner;

        public Handler(StageRunner runner) {
            this.runner = runner;
        }

        @Override
        public void run(WriteScenarios job) throws Exception {
            runner.run(job, ThreadLocalJobContext.getJobContext());
        }
    }
}
