package app.goblina.jobs;

import app.goblina.domain.Stage;
import jakarta.inject.Singleton;
import java.util.UUID;
import org.jobrunr.jobs.lambdas.JobRequestHandler;
import org.jobrunr.server.runner.ThreadLocalJobContext;

/**
 * Speaks one scenario's caption with the project's narrator; the assembly waits for every scenario's audio.
 * {@code generation} is the scenario's count of new lines: each new line is spoken under its own job id
 * ({@code narrate/1}, ...), and generation 0 keeps the first id.
 */
public record NarrateScenario(UUID tenantId, UUID projectId, UUID scenarioId, int generation) implements PipelineJob {

    /** The first narration of a scenario. */
    public NarrateScenario(UUID tenantId, UUID projectId, UUID scenarioId) {
        this(tenantId, projectId, scenarioId, 0);
    }

    @Override
    public Class<Handler> getJobRequestHandler() {
        return Handler.class;
    }

    @Override
    public UUID jobId() {
        return JobIds.of(scenarioId, generation == 0 ? "narrate" : "narrate/" + generation);
    }

    @Override
    public String displayName() {
        return "Narrate scenario " + scenarioId;
    }

    @Override
    public Stage stage() {
        return Stage.NARRATION;
    }

    @Override
    public UUID projectId() {
        return projectId;
    }

    /** Hands the job to the worker's {@link StageRunner}. */
    @Singleton
    public static final class Handler implements JobRequestHandler<NarrateScenario> {

        private final StageRunner runner;

        public Handler(StageRunner runner) {
            this.runner = runner;
        }

        @Override
        public void run(NarrateScenario job) throws Exception {
            runner.run(job, ThreadLocalJobContext.getJobContext());
        }
    }
}
