package app.goblina.jobs;

import app.goblina.domain.Stage;
import jakarta.inject.Singleton;
import java.util.UUID;
import org.jobrunr.jobs.lambdas.JobRequestHandler;

/**
 * Starts one clip's generation at the provider (paid, submit-once). A submission held back by a rate limit
 * schedules the next round under a new id; round 0 keeps the plain id so fan-out stays deterministic.
 */
public record SubmitClip(UUID tenantId, UUID projectId, UUID clipId, int round) implements PipelineJob {

    /** The first submission of a clip; later rounds come from a rate limit or the sweeper. */
    public SubmitClip(UUID tenantId, UUID projectId, UUID clipId) {
        this(tenantId, projectId, clipId, 0);
    }

    @Override
    public Class<Handler> getJobRequestHandler() {
        return Handler.class;
    }

    @Override
    public UUID jobId() {
        return JobIds.of(clipId, round == 0 ? "submit" : "submit-" + round);
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
            runner.run(job, jobContext());
        }
    }
}
