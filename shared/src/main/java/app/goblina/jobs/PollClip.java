package app.goblina.jobs;

import app.goblina.domain.Stage;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.UUID;
import org.jobrunr.jobs.lambdas.JobRequestHandler;
import org.jobrunr.server.runner.ThreadLocalJobContext;

/**
 * Asks the provider once about a clip; reschedules itself as the next attempt until the clip is done. Attempt 0
 * is the poll a verified provider webhook enqueues: one per clip, so duplicate deliveries are harmless.
 */
public record PollClip(UUID tenantId, UUID projectId, UUID clipId, int attempt, Instant notBefore) implements PipelineJob {

    @Override
    public Class<Handler> getJobRequestHandler() {
        return Handler.class;
    }

    @Override
    public UUID jobId() {
        return JobIds.of(clipId, "poll-" + attempt);
    }

    @Override
    public String displayName() {
        return "Poll clip " + clipId + " (#" + attempt + ")";
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
    public static final class Handler implements JobRequestHandler<PollClip> {

        private final StageRunner runner;

        public Handler(StageRunner runner) {
            this.runner = runner;
        }

        @Override
        public void run(PollClip job) throws Exception {
            runner.run(job, ThreadLocalJobContext.getJobContext());
        }
    }
}
