package app.goblina.worker.failedjobs;

import app.goblina.failures.PermanentFailure;
import app.goblina.failures.TransientFailure;
import java.util.List;
import org.jobrunr.JobRunrException;
import org.jobrunr.jobs.Job;
import org.jobrunr.jobs.states.FailedState;

/**
 * Words why JobRunr gave up on a job, for the user: our own failures carry a readable reason (a provider's error,
 * a content-policy refusal); anything else is an internal error, named by the job's id for the dashboard and never
 * by its text, which could hold SQL or a class name.
 */
public final class FailureWording {

    private FailureWording() {
    }

    public static String of(Job job) {
        List<FailedState> failures = job.getJobStates().stream()
                .filter(FailedState.class::isInstance).map(FailedState.class::cast).toList();
        if (failures.isEmpty()) {
            return "the job stopped without a reason (job " + job.getId() + " in the dashboard)";
        }
        FailedState last = failures.getLast();
        String type = last.getExceptionType();
        if (last.mustNotRetry() || PermanentFailure.class.getName().equals(type) || JobRunrException.class.getName().equals(type)) {
            return last.getExceptionMessage();
        }
        String attempts = failures.size() == 1 ? "1 attempt" : failures.size() + " attempts";
        if (FailureKind.of(last) == FailureKind.PROCESS_DEATH) {
            return "gave up after " + attempts + ": the worker running it kept stopping";
        }
        if (type != null && type.startsWith("app.goblina.failures.") && isTransient(type)) {
            return "gave up after " + attempts + ": " + last.getExceptionMessage();
        }
        return "gave up after " + attempts + " (an internal error; job " + job.getId() + " in the dashboard shows it)";
    }

    private static boolean isTransient(String type) {
        try {
            return TransientFailure.class.isAssignableFrom(Class.forName(type));
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
