package app.goblina.worker.failedjobs;

import app.goblina.failures.HeldBack;
import app.goblina.failures.RateLimited;
import java.util.List;
import org.jobrunr.jobs.states.FailedState;

/** What made one attempt of a job fail, read from what JobRunr recorded; each kind has its own retry bound. */
public enum FailureKind {
    WORK, RATE_LIMITED, PROCESS_DEATH, HELD_BACK;

    /** What JobRunr writes on a job whose worker stopped heartbeating, or whose server stopped under it. */
    private static final List<String> PROCESS_DEATH_MESSAGES = List.of("Orphaned job",
            "Job processing was stopped as background job server has stopped");

    public static FailureKind of(FailedState failed) {
        if (PROCESS_DEATH_MESSAGES.contains(failed.getMessage())) {
            return PROCESS_DEATH;
        }
        if (HeldBack.class.getName().equals(failed.getExceptionType())) {
            return HELD_BACK;
        }
        if (RateLimited.class.getName().equals(failed.getExceptionType())) {
            return RATE_LIMITED;
        }
        return WORK;
    }
}
