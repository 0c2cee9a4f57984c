package app.goblina.launcher.bench;

import java.util.UUID;
import org.jobrunr.jobs.lambdas.JobRequest;
import org.jobrunr.jobs.lambdas.JobRequestHandler;

/**
 * One job of the bare baseline: a JobRunr job request that does nothing but hand on to the next step of its chain,
 * as {@link BareJobRunrChains} lays it out.
 *
 * @param chain which chain (one stands for one project)
 * @param step  which job of the project it stands for
 */
public record NoOpStep(UUID chain, Step step) implements JobRequest {

    /** The jobs of a project, in order. */
    public enum Step { WRITE, SUBMIT, POLL, ASSEMBLE }

    @Override
    public Class<Handler> getJobRequestHandler() {
        return Handler.class;
    }

    /** Runs a step: hands on to the chain. */
    public static final class Handler implements JobRequestHandler<NoOpStep> {

        @Override
        public void run(NoOpStep step) {
            BareJobRunrChains.current().handOn(step);
        }
    }
}
