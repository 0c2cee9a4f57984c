package app.goblina.jobs;

import app.goblina.domain.Stage;
import jakarta.inject.Singleton;
import java.util.UUID;
import org.jobrunr.jobs.lambdas.JobRequestHandler;
import org.jobrunr.server.runner.ThreadLocalJobContext;

/**
 * Joins a project's clips into the finished short. {@code generation} is the project's count of regenerations: each
 * one assembles again under its own job id ({@code assemble/1}, ...), and generation 0 keeps the first id.
 */
public record AssembleProject(UUID tenantId, UUID projectId, int generation) implements PipelineJob {

    /** The first assembly of a project. */
    public AssembleProject(UUID tenantId, UUID projectId) {
        this(tenantId, projectId, 0);
    }

    @Override
    public Class<Handler> getJobRequestHandler() {
        return Handler.class;
    }

    @Override
    public UUID jobId() {
        return JobIds.of(projectId, generation == 0 ? "assemble" : "assemble/" + generation);
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
