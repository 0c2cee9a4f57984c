package app.goblina.jobs;

import app.goblina.domain.Stage;
import jakarta.inject.Singleton;
import java.util.UUID;
import org.jobrunr.jobs.lambdas.JobRequestHandler;
import org.jobrunr.server.runner.ThreadLocalJobContext;

/** Turns a character's image into its style guide. */
public record AnalyzeCharacter(UUID tenantId, UUID characterId) implements PipelineJob {

    @Override
    public Class<Handler> getJobRequestHandler() {
        return Handler.class;
    }

    @Override
    public UUID jobId() {
        return JobIds.of(characterId, "analyze");
    }

    @Override
    public String displayName() {
        return "Analyze character " + characterId;
    }

    @Override
    public Stage stage() {
        return Stage.ANALYSIS;
    }

    @Override
    public UUID projectId() {
        return null;
    }

    @Override
    public UUID characterId() {
        return characterId;
    }

    /** Hands the job to the worker's {@link StageRunner}. */
    @Singleton
    public static final class Handler implements JobRequestHandler<AnalyzeCharacter> {

        private final StageRunner runner;

        public Handler(StageRunner runner) {
            this.runner = runner;
        }

        @Override
        public void run(AnalyzeCharacter job) throws Exception {
            runner.run(job, ThreadLocalJobContext.getJobContext());
        }
    }
}
