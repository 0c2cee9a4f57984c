package app.goblina.worker.retries;

import app.goblina.domain.Stage;
import app.goblina.failures.TransientFailure;
import app.goblina.jobs.NotifyCallback;
import app.goblina.jobs.PipelineJob;
import app.goblina.webhooks.CallbackConfig;
import app.goblina.worker.failedjobs.FailureKind;
import app.goblina.worker.metrics.PipelineMetrics;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.jobrunr.jobs.Job;
import org.jobrunr.jobs.JobParameter;
import org.jobrunr.jobs.states.FailedState;

/**
 * The retry policy of every pipeline job. A failed job is retried unless it must not be (a permanent failure
 * reaches JobRunr as do-not-retry) or a bound is reached. Failures are counted in kinds, each with its own bound:
 * <ul>
 *   <li>the work failed (a provider's 5xx, a timeout, a database error): {@link RetryConfig#work()};</li>
 *   <li>the provider answered 429, asking us to come back later ({@code RateLimited}): {@link RetryConfig#rateLimited()};</li>
 *   <li>the worker died under the job (JobRunr's "Orphaned job", a job server stopping): {@link RetryConfig#processDeaths()};</li>
 *   <li>our shared rate limit sent it back ({@code HeldBack}): {@link RetryConfig#heldBack()}.</li>
 * </ul>
 * The wait is the provider's Retry-After / {@code retry-after-ms} when it gave one (a {@link TransientFailure}
 * carries it), else JobRunr's exponential backoff from {@link RetryConfig#firstWait()}, with up to a third added
 * at random so workers that failed together come back spread out; never longer than {@link RetryConfig#ceiling()}.
 *
 * <p>A completion callback ({@link NotifyCallback}) follows its own schedule instead, hours rather than minutes
 * ({@link CallbackConfig#retryWaits()}): its failures of the work and its receiver's 429s count together against
 * {@link CallbackConfig#attempts()}, and the wait is the one its stage chose and recorded for the next attempt.
 *
 * <p>A failure it does not retry gets a {@link RetryVerdict}; only then is the job failed for good.
 */
@Singleton
public class RetryElection {

    /** JobRunr's exponential backoff seed ({@code RetryFilter.DEFAULT_BACKOFF_POLICY_TIME_SEED}). */
    private static final int BACKOFF_SEED = 3;

    private final RetryConfig config;
    private final CallbackConfig callbacks;
    private final PipelineMetrics metrics;

    public RetryElection(RetryConfig config, CallbackConfig callbacks, PipelineMetrics metrics) {
        this.config = config;
        this.callbacks = callbacks;
        this.metrics = metrics;
    }

    /**
     * Elects the next state of a job that has just failed with {@code failed}: SCHEDULED at the policy's wait, or
     * FAILED for good with a {@link RetryVerdict}.
     *
     * @return whether the job is scheduled again
     */
    public boolean elect(Job job, FailedState failed) {
        if (failed.mustNotRetry() || failed.getExceptionType().endsWith("JobNotFoundException")) {
            RetryVerdict.gaveUp(job);
            return false;
        }
        FailureKind kind = FailureKind.of(failed);
        if (pipelineJob(job).orElse(null) instanceof NotifyCallback) {
            return electForCallback(job, failed, kind);
        }
        long sameKind = failures(job, kind);
        int bound = bound(kind);
        if (sameKind > bound) {
            RetryVerdict.gaveUp(job);
            return false;
        }
        Duration wait = waitFor(failed, kind, sameKind);
        job.scheduleAt(Instant.now().plus(wait), describe(kind, sameKind, bound, wait, failed));
        pipelineJob(job).ifPresent(pipelineJob ->
                metrics.retried(pipelineJob.stage().wireName(), kind.name().toLowerCase(Locale.ROOT)));
        return true;
    }

    /** The pipeline job a JobRunr job runs, if it runs one. */
    public static Optional<PipelineJob> pipelineJob(Job job) {
        return job.getJobDetails().getJobParameters().stream()
                .map(JobParameter::getObject)
                .filter(PipelineJob.class::isInstance)
                .map(PipelineJob.class::cast)
                .findFirst();
    }

    /**
     * A callback's retry: its failed deliveries (work and 429s together) are bounded by its attempts, at the wait its
     * stage recorded (else the schedule's); a dying worker or our own limit count apart, as for every job.
     */
    private boolean electForCallback(Job job, FailedState failed, FailureKind kind) {
        boolean delivery = kind == FailureKind.WORK || kind == FailureKind.RATE_LIMITED;
        long number = delivery ? failures(job, FailureKind.WORK) + failures(job, FailureKind.RATE_LIMITED) : failures(job, kind);
        int bound = delivery ? callbacks.attempts() - 1 : bound(kind);
        if (number > bound) {
            RetryVerdict.gaveUp(job);
            return false;
        }
        Duration wait;
        String why;
        if (!delivery) {
            wait = waitFor(failed, kind, number);
            why = describe(kind, number, bound, wait, failed);
        } else {
            wait = retryAfter(failed).orElseGet(() -> callbacks.waitAfter((int) number).orElse(callbacks.longestWait()));
            why = "Callback retry " + number + " of " + bound + ", in " + wait.toMillis() + " ms, on the callback schedule";
        }
        job.scheduleAt(Instant.now().plus(wait), why);
        metrics.retried(Stage.CALLBACK.wireName(), kind.name().toLowerCase(Locale.ROOT));
        return true;
    }

    private static long failures(Job job, FailureKind kind) {
        return job.getJobStates().stream()
                .filter(FailedState.class::isInstance)
                .map(FailedState.class::cast)
                .filter(state -> FailureKind.of(state) == kind)
                .count();
    }

    private int bound(FailureKind kind) {
        return switch (kind) {
            case WORK -> config.work();
            case RATE_LIMITED -> config.rateLimited();
            case PROCESS_DEATH -> config.processDeaths();
            case HELD_BACK -> config.heldBack();
        };
    }

    private Duration waitFor(FailedState failed, FailureKind kind, long failureNumber) {
        Optional<Duration> asked = retryAfter(failed);
        Duration wait;
        if (asked.isPresent()) {
            wait = asked.get();
        } else if (kind == FailureKind.PROCESS_DEATH) {
            // the work itself did not fail: pick it up again at once, on whichever worker is alive
            wait = Duration.ZERO;
        } else {
            wait = jittered(backoff(failureNumber));
        }
        return wait.compareTo(config.ceiling()) > 0 ? config.ceiling() : wait;
    }

    /** JobRunr's exponential policy, seed 3, scaled so the first retry waits {@code firstWait}. */
    Duration backoff(long failureNumber) {
        double factor = Math.pow(BACKOFF_SEED, Math.max(0, failureNumber - 1));
        double millis = Math.min(config.firstWait().toMillis() * factor, config.ceiling().toMillis());
        return Duration.ofMillis((long) millis);
    }

    private static Duration jittered(Duration wait) {
        long millis = wait.toMillis();
        return Duration.ofMillis(millis + ThreadLocalRandom.current().nextLong(millis / 3 + 1));
    }

    /** The provider's delay, known only in the process where the failure happened (it is not stored). */
    private static Optional<Duration> retryAfter(FailedState failed) {
        if (!failed.getExceptionType().startsWith("app.goblina.")) {
            return Optional.empty();
        }
        try {
            return failed.getException() instanceof TransientFailure transientFailure
                    ? transientFailure.retryAfter()
                    : Optional.empty();
        } catch (RuntimeException notRebuilt) {
            return Optional.empty();
        }
    }

    private static String describe(FailureKind kind, long number, int bound, Duration wait, FailedState failed) {
        String what = switch (kind) {
            case WORK -> "Retry " + number + " of " + bound;
            case RATE_LIMITED -> "Rate limited by the provider, retry " + number + " of " + bound;
            case PROCESS_DEATH -> "Resumed after its worker stopped (" + number + " of " + bound + ")";
            case HELD_BACK -> "Waiting for the shared rate limit (" + number + " of " + bound + ")";
        };
        String why = retryAfter(failed).isPresent() ? "as the provider asked" : kind == FailureKind.PROCESS_DEATH ? "at once" : "backoff with jitter";
        return what + ", in " + wait.toMillis() + " ms, " + why;
    }
}
